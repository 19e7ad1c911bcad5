import { getAt, fieldId, type Path } from './config-path.js';
import { describedBy, Hint, Messages, useInvalid } from './field-parts.js';
import { useForm } from './form-context.js';
import type { Field } from './form-spec.js';

type Of<K extends Field['kind']> = Extract<Field, { kind: K }>;

function itemsAt(draft: unknown, path: Path): unknown[] {
  const v = getAt(draft, path);
  return Array.isArray(v) ? v : [];
}

/** A list of objects edited as rows (targets: name and address); rows are added and removed, never reordered. */
export function RowsField({ field }: { field: Of<'rows'> }) {
  const { draft, set } = useForm();
  const rows = itemsAt(draft, field.path);
  const blank = Object.fromEntries(field.columns.map((c) => [c.key, '']));
  return (
    <fieldset class="field field-wide rows">
      <legend class="field-label">{field.label}</legend>
      <Hint path={field.path} text={field.hint} />
      <div class="rows-head" aria-hidden="true">
        {field.columns.map((c) => (
          <span key={c.key}>{c.label}</span>
        ))}
      </div>
      {rows.map((row, i) => (
        <div key={i} class="row">
          {field.columns.map((c) => (
            <Cell key={c.key} path={[...field.path, i, c.key]} label={`${c.label} of row ${i + 1}`} placeholder={c.placeholder} />
          ))}
          <button type="button" class="button button-quiet" onClick={() => set(field.path, rows.filter((_, j) => j !== i))} aria-label={`Remove row ${i + 1}${rowName(row)}`}>
            Remove
          </button>
          <Messages path={[...field.path, i]} />
        </div>
      ))}
      <button type="button" class="button" onClick={() => set(field.path, [...rows, blank])}>
        {field.add}
      </button>
      <Messages path={field.path} />
    </fieldset>
  );
}

/** A list of strings (addresses), one input per item. */
export function ListField({ field }: { field: Of<'list'> }) {
  const { draft, set } = useForm();
  const items = itemsAt(draft, field.path);
  return (
    <fieldset class="field field-wide rows">
      <legend class="field-label">{field.label}</legend>
      <Hint path={field.path} text={field.hint} />
      {items.length === 0 && <p class="field-hint">None.</p>}
      {items.map((_, i) => (
        <div key={i} class="row row-single">
          <Cell path={[...field.path, i]} label={`${field.item} ${i + 1}`} placeholder={field.placeholder} />
          <button type="button" class="button button-quiet" onClick={() => set(field.path, items.filter((_, j) => j !== i))} aria-label={`Remove ${field.item.toLowerCase()} ${i + 1}`}>
            Remove
          </button>
        </div>
      ))}
      <button type="button" class="button" onClick={() => set(field.path, [...items, ''])}>
        {field.add}
      </button>
      <Messages path={field.path} />
    </fieldset>
  );
}

function Cell({ path, label, placeholder }: { path: Path; label: string; placeholder: string }) {
  const { draft, set } = useForm();
  const value = getAt(draft, path);
  const id = fieldId(path);
  return (
    <div class="cell">
      <label for={id} class="visually-hidden">
        {label}
      </label>
      <input
        id={id}
        class="input"
        autoComplete="off"
        spellcheck={false}
        placeholder={placeholder}
        value={typeof value === 'string' ? value : ''}
        onInput={(e) => set(path, e.currentTarget.value)}
        {...describedBy(path, undefined, useInvalid(path))}
      />
      <Messages path={path} />
    </div>
  );
}

function rowName(row: unknown): string {
  const name = getAt(row, ['name']);
  return typeof name === 'string' && name !== '' ? ` (${name})` : '';
}
