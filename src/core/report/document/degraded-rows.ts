import type { ClockFormatter } from '../../time/clock-format.js';
import type { DegradedEnd, ReportedDegraded } from '../degraded-time.js';
import type { DegradedRow } from './report-document.js';
import { exactDuration, milliseconds } from './words.js';

/** What a reader should know about how a degraded period's shown end came about. */
const END_NOTE: Record<DegradedEnd, string> = {
  recovered: '',
  stopped: 'monitoring stopped while degraded',
  restarted: 'monitor restarted while degraded (it had not stopped cleanly)',
  open: 'still degraded at the last record',
  'past-range': 'went on after the period',
};

export function degradedRow(p: ReportedDegraded, clock: ClockFormatter): DegradedRow {
  const notes = [p.startedBefore ? 'began before the period' : '', END_NOTE[p.endedBy]].filter((note) => note !== '');
  return {
    start: clock.format(p.start),
    end: clock.format(p.end),
    duration: exactDuration(p.end - p.start) + (notes.length > 0 ? ` (${notes.join('; ')})` : ''),
    reason: p.reason,
    measured: measuredText(p),
  };
}

/** `loss 20 %; median round trip 40 ms (usually 12 ms)`, leaving out what was not measured. */
function measuredText(p: ReportedDegraded): string {
  const parts: string[] = [];
  if (p.loss_pct !== null) parts.push(`loss ${Number(p.loss_pct.toPrecision(3))} %`);
  const usual = p.baseline_rtt_ms === null ? null : milliseconds(p.baseline_rtt_ms);
  if (p.median_rtt_ms !== null) parts.push(`median round trip ${milliseconds(p.median_rtt_ms)}${usual === null ? '' : ` (usually ${usual})`}`);
  else if (usual !== null) parts.push(`usual round trip ${usual}`);
  return parts.length === 0 ? 'no figures recorded' : parts.join('; ');
}
