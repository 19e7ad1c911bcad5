import { useState } from 'preact/hooks';
import { useApi, useClock } from '../app/api-context.js';
import { useCall, useNow } from '../app/hooks.js';
import { addDays, dayKey, dayOf } from '../lib/zone-time.js';
import { FORMATS, periodText, PRESETS, reportQuery, type Format, type ReportChoice } from './report-query.js';
import { SlaFields } from './sla-fields.js';

type Outcome = { tone: 'ok' | 'error'; text: string } | null;

/** The ISP report: a period, a format, the contract's terms if any, and one button. */
export function ReportView() {
  const api = useApi();
  const { zone } = useClock();
  const now = useNow(60_000);
  const targets = useCall(() => api.targets({}), []);
  const today = dayKey(dayOf(now, zone));
  const monthAgo = dayKey(addDays(dayOf(now, zone), -29));
  const [choice, setChoice] = useState<ReportChoice>({
    preset: 'last-month',
    from: monthAgo,
    to: today,
    format: 'pdf',
    target: '',
    sla: { on: false, availability: '99.5', hours: 'all', minOutage: '' },
  });
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const change = (part: Partial<ReportChoice>) => {
    setOutcome(null);
    setChoice({ ...choice, ...part });
  };

  const download = async () => {
    setBusy(true);
    const r = await api.downloadReport(reportQuery(choice, now, zone));
    setBusy(false);
    setOutcome(r.ok ? { tone: 'ok', text: 'The report is being made: your browser saves it when it is ready.' } : { tone: 'error', text: r.error.message });
  };

  return (
    <div class="page page-narrow">
      <div class="page-head">
        <h1 tabIndex={-1}>ISP report</h1>
        <p class="page-sub">Every outage with its evidence, as a file to send to your internet provider.</p>
      </div>
      <form
        class="card report-form"
        onSubmit={(e) => {
          e.preventDefault();
          void download();
        }}
      >
        <fieldset class="field field-wide">
          <legend class="field-label">Period</legend>
          <div class="segmented">
            {PRESETS.map((p) => (
              <label key={p.preset} class="segment">
                <input type="radio" name="preset" value={p.preset} checked={choice.preset === p.preset} onChange={() => change({ preset: p.preset })} />
                <span>{p.label}</span>
              </label>
            ))}
          </div>
          {choice.preset === 'custom' && (
            <div class="range-custom">
              <label class="inline-field">
                From
                <input type="date" class="input" value={choice.from} max={today} onChange={(e) => change({ from: e.currentTarget.value })} />
              </label>
              <label class="inline-field">
                To
                <input type="date" class="input" value={choice.to} max={today} onChange={(e) => change({ to: e.currentTarget.value })} />
              </label>
            </div>
          )}
          <p class="field-hint">{periodText(choice, now, zone)}</p>
        </fieldset>
        <div class="form-grid">
          <div class="field">
            <label for="report-target" class="field-label">
              Target
            </label>
            <select id="report-target" class="input" value={choice.target} onChange={(e) => change({ target: e.currentTarget.value })}>
              <option value="">All targets</option>
              {(targets.value?.targets ?? []).map((t) => (
                <option key={t.name} value={t.name}>
                  {t.name}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="report-format" class="field-label">
              Format
            </label>
            <select id="report-format" class="input" value={choice.format} onChange={(e) => change({ format: e.currentTarget.value as Format })}>
              {FORMATS.map((f) => (
                <option key={f.format} value={f.format}>
                  {f.label}
                </option>
              ))}
            </select>
          </div>
        </div>
        <SlaFields sla={choice.sla} onChange={(sla) => change({ sla })} />
        <div class="save-row">
          <p class={`save-outcome${outcome === null ? '' : ` outcome-${outcome.tone}`}`} role="status">
            {outcome?.text ?? ''}
          </p>
          <button type="submit" class="button button-primary" disabled={busy}>
            {busy ? 'Checking…' : 'Download report'}
          </button>
        </div>
      </form>
    </div>
  );
}
