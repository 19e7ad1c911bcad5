import type { ReportChoice } from './report-query.js';

type Sla = ReportChoice['sla'];

/** The contract's terms: what availability it promises, over which hours, and which outages it ignores. */
export function SlaFields({ sla, onChange }: { sla: Sla; onChange: (sla: Sla) => void }) {
  return (
    <fieldset class="field field-wide optional">
      <legend class="visually-hidden">Contract terms</legend>
      <label class="check" for="sla-on">
        <input id="sla-on" type="checkbox" checked={sla.on} onChange={(e) => onChange({ ...sla, on: e.currentTarget.checked })} />
        <span>Check against the contract (SLA)</span>
      </label>
      {sla.on && (
        <div class="optional-fields form-grid">
          <div class="field">
            <label for="sla-availability" class="field-label">
              Promised availability
            </label>
            <span class="input-with-unit">
              <input id="sla-availability" class="input input-number" inputMode="decimal" value={sla.availability} onInput={(e) => onChange({ ...sla, availability: e.currentTarget.value })} />
              <span class="unit">%</span>
            </span>
          </div>
          <div class="field">
            <label for="sla-hours" class="field-label">
              Counted hours
            </label>
            <select id="sla-hours" class="input" value={sla.hours} onChange={(e) => onChange({ ...sla, hours: e.currentTarget.value === 'business' ? 'business' : 'all' })}>
              <option value="all">All hours</option>
              <option value="business">Business hours (Mon–Fri 09:00–17:00)</option>
            </select>
          </div>
          <div class="field">
            <label for="sla-min" class="field-label">
              Ignore outages shorter than
            </label>
            <span class="input-with-unit">
              <input id="sla-min" class="input input-number" inputMode="numeric" placeholder="0" value={sla.minOutage} onInput={(e) => onChange({ ...sla, minOutage: e.currentTarget.value })} />
              <span class="unit">seconds</span>
            </span>
          </div>
        </div>
      )}
    </fieldset>
  );
}
