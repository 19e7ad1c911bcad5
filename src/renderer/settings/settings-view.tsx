import { useMemo, useState } from 'preact/hooks';
import type { ApiValue } from '../../shared/api-contract.js';
import { useApi } from '../app/api-context.js';
import { useCall } from '../app/hooks.js';
import { Notice } from '../ui/notice.js';
import { setAt, type Path } from './config-path.js';
import { FormContext } from './form-context.js';
import { SECTIONS } from './form-spec.js';
import { FieldView } from './fields.js';
import { SaveBar } from './save-bar.js';
import { useValidation } from './use-validation.js';
import { WatchDaemonSection } from './watch-daemon.js';

type Settings = ApiValue<'settings'>;

/** The monitor's configuration as a form over a copy of it, checked as it is typed. */
export function SettingsView() {
  const api = useApi();
  // Bumped when the app switches to another monitor: its settings are asked again, the form starts over.
  const [shown, setShown] = useState(0);
  const settings = useCall(() => api.settings({}), [shown]);
  return (
    <div class="page page-narrow">
      <div class="page-head">
        <h1 tabIndex={-1}>Settings</h1>
        {settings.value !== null && <p class="page-sub">{settings.value.path ?? 'from command-line flags'}</p>}
      </div>
      {settings.error !== null && <Notice tone="error" title={settings.error.message} />}
      {settings.loading && <p class="loading">Loading…</p>}
      {/* Only the answer to the latest question: after a switch, the last monitor's settings are not to be edited. */}
      {settings.value !== null && !settings.loading && settings.error === null && <SettingsForm key={shown} settings={settings.value} />}
      <WatchDaemonSection onSwitched={() => setShown((n) => n + 1)} />
    </div>
  );
}

function SettingsForm({ settings }: { settings: Settings }) {
  // The form edits this copy; whatever it has no field for travels along untouched (setAt copies only along a path).
  const [saved, setSaved] = useState<unknown>(settings.config);
  const [draft, setDraft] = useState<unknown>(settings.config);
  const changed = useMemo(() => JSON.stringify(draft) !== JSON.stringify(saved), [draft, saved]);
  const validation = useValidation(draft, changed);
  const form = useMemo(() => ({ draft, issues: validation.issues, set: (path: Path, value: unknown) => setDraft((d: unknown) => setAt(d, path, value)) }), [draft, validation.issues]);

  return (
    <FormContext.Provider value={form}>
      {settings.path === null && (
        <Notice tone="info" title="These settings are not kept in a file">
          <p>This monitor was started from command-line flags, so a save cannot be written anywhere; start it with --config to keep changes.</p>
        </Notice>
      )}
      <form
        class="settings"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
        }}
      >
        {SECTIONS.map((s) => (
          <section key={s.id} class="card form-section" aria-labelledby={`section-${s.id}`}>
            <h2 id={`section-${s.id}`}>{s.title}</h2>
            <p class="section-description">{s.description}</p>
            <div class="form-grid">
              {s.fields.map((f) => (
                <FieldView key={f.path.join('.')} field={f} />
              ))}
              {s.note !== undefined && <p class="field-hint field-wide">{s.note}</p>}
            </div>
          </section>
        ))}
        <section class="card form-section" aria-labelledby="section-data">
          <h2 id="section-data">Data</h2>
          <dl class="facts">
            <dt>Data folder</dt>
            <dd class="mono">{settings.dataDir}</dd>
            <dt>Settings file</dt>
            <dd class="mono">{settings.path ?? 'none'}</dd>
          </dl>
        </section>
        <SaveBar
          draft={draft}
          changed={changed}
          validation={validation}
          hasFile={settings.path !== null}
          onSaved={() => setSaved(draft)}
          onDiscard={() => setDraft(saved)}
        />
      </form>
    </FormContext.Provider>
  );
}
