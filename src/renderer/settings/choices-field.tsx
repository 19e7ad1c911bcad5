import { fieldId, getAt } from './config-path.js';
import { describedBy, Hint, Messages, useInvalid } from './field-parts.js';
import { useForm } from './form-context.js';
import type { Field } from './form-spec.js';

/**
 * A list of names, one checkbox per name it may hold (the kinds of notice). A name the form
 * does not know stays in the list untouched, so that a newer monitor's choice is not lost here.
 */
export function ChoicesField({ field }: { field: Extract<Field, { kind: 'choices' }> }) {
  const { draft, set } = useForm();
  const value = getAt(draft, field.path);
  const chosen: unknown[] = Array.isArray(value) ? value : [];
  // The group is described by its hint and its messages; each checkbox by its own label.
  const { 'aria-describedby': describedByIds } = describedBy(field.path, field.hint, useInvalid(field.path));
  return (
    <fieldset class="field field-wide" aria-describedby={describedByIds === undefined ? undefined : String(describedByIds)}>
      <legend class="field-label">{field.label}</legend>
      <Hint path={field.path} text={field.hint} />
      <div class="form-grid">
        {field.options.map((o) => {
          const id = fieldId([...field.path, o.value]);
          return (
            <label key={o.value} class="check" for={id}>
              <input
                id={id}
                type="checkbox"
                checked={chosen.includes(o.value)}
                onChange={(e) => set(field.path, e.currentTarget.checked ? [...chosen, o.value] : chosen.filter((c) => c !== o.value))}
              />
              <span>{o.label}</span>
            </label>
          );
        })}
      </div>
      <Messages path={field.path} />
    </fieldset>
  );
}
