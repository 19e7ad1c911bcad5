import { useEffect, useRef } from 'preact/hooks';
import type { OutageValue } from '../../shared/api-contract.js';
import type { AddressFact } from '../../shared/events.js';
import { useApi, useClock } from '../app/api-context.js';
import { useCall } from '../app/hooks.js';
import { dateTime, duration, msTime } from '../lib/format.js';
import { causeText, probeText } from '../lib/words.js';
import { Notice } from '../ui/notice.js';
import type { HistoryOutage } from './timeline-geometry.js';

/** One outage and its evidence, in a modal dialog: Escape or Close returns to where the reader was. */
export function OutageDetails({ outage, onClose }: { outage: HistoryOutage; onClose: () => void }) {
  const api = useApi();
  const dialog = useRef<HTMLDialogElement>(null);
  const details = useCall(() => api.outage({ target: outage.target, start: outage.start }), [outage.target, outage.start]);
  useEffect(() => {
    const d = dialog.current;
    if (d !== null && !d.open) d.showModal();
  }, []);
  return (
    <dialog ref={dialog} class="dialog" aria-labelledby="outage-title" onClose={onClose}>
      <div class="dialog-head">
        <h2 id="outage-title">Outage of {outage.target}</h2>
        <button type="button" class="button" onClick={() => dialog.current?.close()}>
          Close
        </button>
      </div>
      {details.error !== null && <Notice tone="error" title={details.error.message} />}
      {details.value === null && details.error === null && <p class="loading">Loading the evidence…</p>}
      {details.value !== null && <Evidence value={details.value} />}
    </dialog>
  );
}

function Evidence({ value }: { value: OutageValue }) {
  const { zone } = useClock();
  const { outage, evidence, bounds, addping_after: after, uncertainty_s: uncertainty } = value;
  return (
    <div class="evidence">
      <dl class="facts">
        <dt>Began</dt>
        <dd>{dateTime(outage.start, zone)}</dd>
        <dt>Ended</dt>
        <dd>{outage.end === null ? 'still going on' : `${dateTime(outage.end, zone)}, after ${duration(outage.duration_s)}`}</dd>
        <dt>Cause</dt>
        <dd>
          <strong>{causeText(outage.cause)}</strong>
        </dd>
      </dl>
      <h3>What was found when it began</h3>
      {evidence === null ? (
        <p class="muted">No journal entry was written for this outage: only its start and end are known.</p>
      ) : (
        <dl class="facts">
          <dt>First failed probe</dt>
          <dd>{probeText(evidence.first_failure)}</dd>
          <dt>Home gateway</dt>
          <dd>{evidence.gateway === null ? 'not probed (none known, or the target is the gateway)' : factText(evidence.gateway)}</dd>
          <dt>DNS check</dt>
          <dd>
            {evidence.dns === null
              ? 'not configured'
              : `${evidence.dns.server} ${evidence.dns.answered ? 'answered' : 'did not answer'} for ${evidence.dns.name}${evidence.dns.detail === '' ? '' : ` (${evidence.dns.detail})`}`}
          </dd>
          <dt>Other addresses</dt>
          <dd>{factList(evidence.addping)}</dd>
        </dl>
      )}
      {after.length > 0 && (
        <>
          <h3>When it ended</h3>
          <dl class="facts">
            <dt>Other addresses</dt>
            <dd>{factList(after)}</dd>
          </dl>
        </>
      )}
      <h3>Exact bounds</h3>
      {bounds === null ? (
        <p class="muted">{outage.end === null ? 'Known once the outage ends.' : 'Not journalled for this outage.'}</p>
      ) : (
        <table class="table bounds">
          <tbody>
            <BoundRow label="Last answer before" ms={bounds.last_success_before} zone={zone} />
            <BoundRow label="First probe without answer" ms={bounds.first_failure} zone={zone} />
            <BoundRow label="Last probe without answer" ms={bounds.last_failure} zone={zone} />
            <BoundRow label="First answer after" ms={bounds.first_success_after} zone={zone} />
          </tbody>
        </table>
      )}
      <p class="uncertainty">
        Uncertainty: start ± {uncertaintyText(uncertainty.start)}, end ± {uncertaintyText(uncertainty.end)}
      </p>
    </div>
  );
}

function BoundRow({ label, ms, zone }: { label: string; ms: number | null; zone: string }) {
  return (
    <tr>
      <th scope="row">{label}</th>
      <td class="mono">{ms === null ? '—' : msTime(ms, zone)}</td>
    </tr>
  );
}

function factText(f: AddressFact): string {
  return `${f.address}: ${probeText(f.result)}`;
}

function factList(facts: AddressFact[]) {
  if (facts.length === 0) return 'none configured';
  return (
    <ul class="plain-list">
      {facts.map((f) => (
        <li key={f.address}>{factText(f)}</li>
      ))}
    </ul>
  );
}

function uncertaintyText(s: number | null): string {
  if (s === null) return 'unknown';
  return s < 10 ? `${s.toFixed(s < 1 ? 3 : 1)} s` : duration(s);
}
