import { outagesIn, outagesOf, type Outage } from '../accounting/outages.js';
import type { TimeRange } from '../accounting/time-range.js';
import { recordedRange, totalsOf, type Totals } from '../accounting/totals.js';
import { UserError } from '../errors.js';
import type { TransitionSeries } from '../store/transition-log.js';

export interface TargetData {
  name: string;
  address: string | null;
  series: TransitionSeries;
}

export interface TargetReport extends TargetData {
  totals: Totals;
  outages: Outage[];
}

export interface Report {
  range: TimeRange;
  targets: TargetReport[];
}

/** Bounds the user asked for; a missing one falls back to the first or last record. */
export interface RequestedRange {
  from?: number | undefined;
  to?: number | undefined;
}

export function buildReport(targets: TargetData[], requested: RequestedRange): Report {
  const range = resolveRange(targets, requested);
  return {
    range,
    targets: targets.map((target) => ({
      ...target,
      totals: totalsOf(target.series, range),
      outages: outagesIn(outagesOf(target.series), range),
    })),
  };
}

function resolveRange(targets: TargetData[], requested: RequestedRange): TimeRange {
  const recorded = targets.map((t) => recordedRange(t.series)).filter((r): r is TimeRange => r !== null);
  if (recorded.length === 0 && (requested.from === undefined || requested.to === undefined)) {
    throw new UserError('the logs hold no records yet, so there is nothing to report');
  }
  const from = requested.from ?? Math.min(...recorded.map((r) => r.from));
  const to = requested.to ?? Math.max(...recorded.map((r) => r.to));
  if (from > to) throw new UserError('--from must not be after --to');
  return { from, to };
}

/** uptime / (uptime + downtime); null when nothing in the range was observed. */
export function availability(totals: Totals): number | null {
  const observed = totals.uptime + totals.downtime;
  return observed === 0 ? null : totals.uptime / observed;
}
