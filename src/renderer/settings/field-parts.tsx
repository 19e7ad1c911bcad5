import type { ComponentChildren } from 'preact';
import { fieldId, issuesAt, type Path } from './config-path.js';
import { useForm } from './form-context.js';

/** The validator's messages for one path, where its field is; announced as they appear. */
export function Messages({ path }: { path: Path }) {
  const { issues } = useForm();
  const messages = issuesAt(issues, path);
  if (messages.length === 0) return null;
  return (
    <div id={`${fieldId(path)}-error`} class="field-error" role="alert">
      {messages.map((m) => (
        <p key={m}>{m}</p>
      ))}
    </div>
  );
}

/** What an input needs to be read with its hint and its messages. */
export function describedBy(path: Path, hint: string | undefined, invalid: boolean): Record<string, string | boolean> {
  const id = fieldId(path);
  const parts = [hint === undefined ? '' : `${id}-hint`, invalid ? `${id}-error` : ''].filter((p) => p !== '');
  return { 'aria-invalid': invalid, ...(parts.length === 0 ? {} : { 'aria-describedby': parts.join(' ') }) };
}

export function useInvalid(path: Path): boolean {
  return issuesAt(useForm().issues, path).length > 0;
}

export function Hint({ path, text }: { path: Path; text: string | undefined }) {
  if (text === undefined) return null;
  return (
    <p id={`${fieldId(path)}-hint`} class="field-hint">
      {text}
    </p>
  );
}

export function FieldBox({ children, wide = false }: { children: ComponentChildren; wide?: boolean }) {
  return <div class={`field${wide ? ' field-wide' : ''}`}>{children}</div>;
}
