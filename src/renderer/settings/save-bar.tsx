import { useState } from 'preact/hooks';
import { useApi } from '../app/api-context.js';
import { count } from '../lib/format.js';
import { matches } from './config-path.js';
import { FIELD_PATTERNS } from './form-spec.js';
import type { Validation } from './use-validation.js';

interface Props {
  draft: unknown;
  changed: boolean;
  validation: Validation;
  hasFile: boolean;
  onSaved: () => void;
  onDiscard: () => void;
}

type Outcome = { tone: 'ok' | 'error' | 'info'; text: string } | null;

/** Save and discard, what the validator says of the draft, and what a save did. */
export function SaveBar({ draft, changed, validation, hasFile, onSaved, onDiscard }: Props) {
  const api = useApi();
  const [saving, setSaving] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const { issues, checking } = validation;
  // Issues with no field of their own (the config as a whole, parts the form does not edit) are shown here.
  const elsewhere = issues.filter((i) => !FIELD_PATTERNS.some((p) => matches(p, i.path)));

  const save = async () => {
    setSaving(true);
    const r = await api['settings-save']({ config: draft });
    setSaving(false);
    if (!r.ok) return setOutcome({ tone: 'error', text: r.error.message });
    const { saved, restarted, issues: refused } = r.value;
    if (refused.length > 0) {
      validation.setIssues(refused);
      return setOutcome({ tone: 'error', text: `Not saved: ${count(refused.length, 'problem')} to fix, marked by ${refused.length === 1 ? 'its field' : 'their fields'}.` });
    }
    const applied = restarted.length === 0 ? 'Nothing needed a restart.' : `Restarted: ${restarted.join(', ')}.`;
    if (saved) {
      onSaved();
      return setOutcome({ tone: 'ok', text: `Saved. ${applied}` });
    }
    if (restarted.length > 0) onSaved();
    setOutcome({
      tone: 'info',
      text: hasFile ? `Not saved to the file. ${applied}` : `Not saved to a file: this monitor runs from command-line flags.${restarted.length > 0 ? ` Applied until it stops. ${applied}` : ''}`,
    });
  };

  const state = checking ? 'Checking…' : issues.length > 0 ? `${count(issues.length, 'problem')} to fix` : changed ? 'Unsaved changes' : 'No changes';
  return (
    <div class={`save-bar card${changed ? ' save-bar-changed' : ''}`}>
      {elsewhere.length > 0 && (
        <div class="field-error" role="alert">
          {elsewhere.map((i) => (
            <p key={`${i.path.join('.')}-${i.message}`}>
              {i.path.length === 0 ? '' : `${i.path.join(' › ')}: `}
              {i.message}
            </p>
          ))}
        </div>
      )}
      <div class="save-row">
        <p class="save-state" role="status">
          {state}
        </p>
        <div class="button-row">
          <button type="button" class="button" disabled={!changed || saving} onClick={() => { setOutcome(null); onDiscard(); }}>
            Discard changes
          </button>
          <button type="button" class="button button-primary" disabled={!changed || saving || checking} onClick={() => void save()}>
            {saving ? 'Saving…' : 'Save'}
          </button>
        </div>
      </div>
      {outcome !== null && (
        <p class={`save-outcome outcome-${outcome.tone}`} role="status">
          {outcome.text}
        </p>
      )}
    </div>
  );
}
