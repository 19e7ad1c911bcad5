import { useEffect, useRef, useState } from 'preact/hooks';
import { fieldId, getAt } from './config-path.js';
import { describedBy, FieldBox, Hint, Messages, useInvalid } from './field-parts.js';
import { useForm } from './form-context.js';
import type { Field } from './form-spec.js';
import { ChoicesField } from './choices-field.js';
import { ListField, RowsField } from './row-fields.js';

export function FieldView({ field }: { field: Field }) {
  switch (field.kind) {
    case 'toggle':
      return <Toggle field={field} />;
    case 'number':
      return <NumberField field={field} />;
    case 'text':
      return <TextField field={field} />;
    case 'rows':
      return <RowsField field={field} />;
    case 'list':
      return <ListField field={field} />;
    case 'optional':
      return <OptionalGroup field={field} />;
    case 'choices':
      return <ChoicesField field={field} />;
  }
}

type Of<K extends Field['kind']> = Extract<Field, { kind: K }>;

function Toggle({ field }: { field: Of<'toggle'> }) {
  const { draft, set } = useForm();
  const id = fieldId(field.path);
  return (
    <FieldBox wide>
      <label class="check" for={id}>
        <input id={id} type="checkbox" checked={getAt(draft, field.path) === true} onChange={(e) => set(field.path, e.currentTarget.checked)} {...describedBy(field.path, field.hint, useInvalid(field.path))} />
        <span>{field.label}</span>
      </label>
      <Hint path={field.path} text={field.hint} />
      <Messages path={field.path} />
    </FieldBox>
  );
}

/** Text as typed until it reads as a number: "0." must survive being typed on the way to "0.5". */
function numberOf(text: string): unknown {
  return /^\s*-?\d+(\.\d+)?\s*$/.test(text) ? Number(text) : text.trim() === '' ? null : text;
}

function textOf(value: unknown): string {
  return typeof value === 'number' || typeof value === 'string' ? String(value) : '';
}

function NumberField({ field }: { field: Of<'number'> }) {
  const { draft, set } = useForm();
  const value = getAt(draft, field.path);
  const [text, setText] = useState(textOf(value));
  useEffect(() => {
    if (numberOf(text) !== value) setText(textOf(value));
  }, [value]);
  const id = fieldId(field.path);
  return (
    <FieldBox>
      <label for={id} class="field-label">
        {field.label}
      </label>
      <span class="input-with-unit">
        <input
          id={id}
          class="input input-number"
          inputMode="decimal"
          autoComplete="off"
          value={text}
          onInput={(e) => {
            setText(e.currentTarget.value);
            set(field.path, numberOf(e.currentTarget.value));
          }}
          {...describedBy(field.path, field.hint, useInvalid(field.path))}
        />
        {field.unit !== undefined && <span class="unit">{field.unit}</span>}
      </span>
      <Hint path={field.path} text={field.hint} />
      <Messages path={field.path} />
    </FieldBox>
  );
}

function TextField({ field }: { field: Of<'text'> }) {
  const { draft, set } = useForm();
  const value = getAt(draft, field.path);
  const id = fieldId(field.path);
  const common = {
    id,
    class: 'input',
    autoComplete: 'off',
    spellcheck: false,
    placeholder: field.placeholder,
    value: typeof value === 'string' ? value : '',
    onInput: (e: Event) => {
      const text = (e.currentTarget as HTMLInputElement).value;
      set(field.path, field.emptyIsNull === true && text === '' ? null : text);
    },
    ...describedBy(field.path, field.hint, useInvalid(field.path)),
  };
  return (
    <FieldBox>
      <label for={id} class="field-label">
        {field.label}
      </label>
      <TextInput input={field.input} common={common} />
      <Hint path={field.path} text={field.hint} />
      <Messages path={field.path} />
    </FieldBox>
  );
}

/** A time of day is HH:MM on a 24-hour clock in the configuration, as the browser's time input gives it. */
function TextInput({ input, common }: { input: Of<'text'>['input']; common: Record<string, unknown> }) {
  if (input === 'password') return <input type="password" {...common} />;
  if (input === 'time') return <input type="time" {...common} />;
  return <input type="text" inputMode={input ?? 'text'} {...common} />;
}

/** A part of the configuration that is there or null: off keeps what was typed, so that on again brings it back. */
function OptionalGroup({ field }: { field: Of<'optional'> }) {
  const { draft, set } = useForm();
  const value = getAt(draft, field.path);
  const kept = useRef<unknown>(null);
  const on = value !== null && value !== undefined;
  const id = fieldId(field.path);
  return (
    <div class="field field-wide optional">
      <label class="check" for={id}>
        <input
          id={id}
          type="checkbox"
          checked={on}
          onChange={(e) => {
            if (e.currentTarget.checked) set(field.path, kept.current ?? field.blank);
            else {
              kept.current = value;
              set(field.path, null);
            }
          }}
          {...describedBy(field.path, field.hint, useInvalid(field.path))}
        />
        <span>{field.label}</span>
      </label>
      <Hint path={field.path} text={field.hint} />
      <Messages path={field.path} />
      {on && (
        <div class="optional-fields">
          {field.fields.map((f) => (
            <FieldView key={f.path.join('.')} field={f} />
          ))}
        </div>
      )}
    </div>
  );
}
