import { useMemo, useState } from 'preact/hooks';
import type { SettingsIssue } from '../../shared/api-contract.js';
import { appPreferences, type AppPreferences } from '../../shared/app-preferences.js';
import type { PreferencesValue } from '../../shared/ipc-contract.js';
import type { AppCallers } from '../api/api-client.js';
import { useApi } from '../app/api-context.js';
import { useCall } from '../app/hooks.js';
import { Notice } from '../ui/notice.js';
import { fieldId, getAt, setAt, type Path } from './config-path.js';
import { describedBy, FieldBox, Hint, Messages, useInvalid } from './field-parts.js';
import { FormContext, useForm } from './form-context.js';

/** What the fields hold as typed: the daemon's address and token are kept while "this computer" is chosen. */
type Draft = { mode: 'here' | 'daemon'; watch: { url: string; token: string } };

const URL_PATH = ['watch', 'url'] as const;
const TOKEN_PATH = ['watch', 'token'] as const;
const TOKEN_HINT =
  "None for a daemon on this computer's loopback. Otherwise it is in the daemon's .http-token file: beside its --config file, or in its data folder (see docs/watch-a-daemon.md).";

/**
 * Which monitor the app shows: its own, or a `nom daemon --http` the user names. Only the app's
 * window has this choice (a browser on a daemon has no app preferences), with a save of its
 * own: it switches what the whole app shows, not the configuration below. `onSwitched` hears a
 * save, after which what the page shows is another monitor's.
 */
export function WatchDaemonSection({ onSwitched }: { onSwitched: () => void }) {
  const { app } = useApi();
  if (app === undefined) return null;
  return (
    <section class="card form-section" aria-labelledby="section-watch">
      <h2 id="section-watch">Watch a daemon instead</h2>
      <p class="section-description">
        When a nom daemon already watches this connection (on a Raspberry Pi, or as a service on this computer), the app can show its state, history and reports instead of running monitors of its own.
      </p>
      <WatchChoiceLoader app={app} onSwitched={onSwitched} />
    </section>
  );
}

function WatchChoiceLoader({ app, onSwitched }: { app: AppCallers; onSwitched: () => void }) {
  const loaded = useCall(() => app.preferences({}), [app]);
  if (loaded.error !== null) return <Notice tone="error" title={loaded.error.message} />;
  if (loaded.value === null) return <p class="loading">Loading…</p>;
  return <WatchChoice app={app} shown={loaded.value} onSwitched={onSwitched} />;
}

function draftOf({ watch }: AppPreferences): Draft {
  return watch === null ? { mode: 'here', watch: { url: '', token: '' } } : { mode: 'daemon', watch: { url: watch.url, token: watch.token ?? '' } };
}

/** The preferences the draft asks for, before the schema has read them: an empty token is none. */
function preferencesOf(draft: Draft): unknown {
  if (draft.mode === 'here') return { watch: null };
  return { watch: { url: draft.watch.url, token: draft.watch.token.trim() === '' ? null : draft.watch.token } };
}

function WatchChoice({ app, shown: first, onSwitched }: { app: AppCallers; shown: PreferencesValue; onSwitched: () => void }) {
  const [shown, setShown] = useState(first);
  const [draft, setDraft] = useState(() => draftOf(first.preferences));
  const [issues, setIssues] = useState<SettingsIssue[]>([]);
  const [saving, setSaving] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const changed = JSON.stringify(preferencesOf(draft)) !== JSON.stringify(shown.preferences);
  const form = useMemo(
    () => ({ draft, issues, set: (path: Path, value: unknown) => setDraft((d) => setAt(d, path, value) as Draft) }),
    [draft, issues],
  );

  const save = async () => {
    const parsed = appPreferences.safeParse(preferencesOf(draft));
    if (!parsed.success) {
      setIssues(parsed.error.issues.map((i) => ({ path: i.path.filter((k) => typeof k !== 'symbol'), message: i.message })));
      return;
    }
    setIssues([]);
    setSaving(true);
    const r = await app['preferences-save'](parsed.data);
    setSaving(false);
    if (!r.ok) return setRefusal(r.error.message);
    setRefusal(null);
    setShown(r.value);
    setDraft(draftOf(r.value.preferences));
    onSwitched();
  };

  return (
    <FormContext.Provider value={form}>
      <form
        class="settings"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <fieldset class="field field-wide">
          <legend class="field-label">What this app shows</legend>
          <label class="check" for="watch-here">
            <input id="watch-here" type="radio" name="watch-mode" checked={draft.mode === 'here'} onChange={() => setDraft({ ...draft, mode: 'here' })} />
            <span>Monitor on this computer</span>
          </label>
          <label class="check" for="watch-daemon">
            <input id="watch-daemon" type="radio" name="watch-mode" checked={draft.mode === 'daemon'} onChange={() => setDraft({ ...draft, mode: 'daemon' })} />
            <span>Watch the nom daemon at this address</span>
          </label>
          {draft.mode === 'daemon' && (
            <div class="optional-fields">
              <WatchInput path={URL_PATH} label="Daemon's address" placeholder="http://pi.local:8754" />
              <WatchInput path={TOKEN_PATH} label="Access token (optional)" hint={TOKEN_HINT} />
            </div>
          )}
        </fieldset>
        <div class="save-row">
          <p class="save-state" role="status">
            {shown.watching === null ? 'Now monitoring on this computer' : `Now watching the daemon at ${shown.watching}`}
          </p>
          <button type="submit" class="button button-primary" disabled={!changed || saving}>
            {saving ? 'Switching…' : 'Save and switch'}
          </button>
        </div>
        {refusal !== null && (
          <p class="save-outcome outcome-error" role="alert">
            {refusal}
          </p>
        )}
        {shown.note !== null && <Notice tone="warn" title={shown.note} />}
      </form>
    </FormContext.Provider>
  );
}

function WatchInput({ path, label, placeholder, hint }: { path: Path; label: string; placeholder?: string; hint?: string }) {
  const { draft, set } = useForm();
  const id = fieldId(path);
  const value = getAt(draft, path);
  return (
    <FieldBox>
      <label for={id} class="field-label">
        {label}
      </label>
      <input
        id={id}
        class="input mono"
        autoComplete="off"
        spellcheck={false}
        placeholder={placeholder}
        value={typeof value === 'string' ? value : ''}
        onInput={(e) => set(path, e.currentTarget.value)}
        {...describedBy(path, hint, useInvalid(path))}
      />
      <Hint path={path} text={hint} />
      <Messages path={path} />
    </FieldBox>
  );
}
