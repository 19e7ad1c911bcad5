import type { HistoryValue } from '../../shared/api-contract.js';
import { outagesIn, outagesOf } from '../accounting/outages.js';
import type { TimeRange } from '../accounting/time-range.js';
import { totalsOf } from '../accounting/totals.js';
import { LocalCalendar } from '../analysis/calendar.js';
import type { Zone } from '../time/zone.js';
import { degradedPeriodsOf } from './degraded-periods.js';
import type { JournalCache } from './journal-cache.js';
import { downtimeByDay, type DownSpan } from './local-days.js';
import { downtimeEnd, historyOutageOf, outageJournal, type HistoryOutage } from './outage-rows.js';
import { unmonitoredSpans } from './unmonitored-spans.js';
import { loadViewed, viewedTarget, viewedTargets, type LiveOptions, type ViewedTarget } from './view-targets.js';

export interface HistoryRequest {
  from: number;
  to: number;
  target?: string | undefined;
}

export interface HistoryOptions extends LiveOptions {
  /** The zone whose calendar days `days` counts. */
  zone: Zone;
}

/**
 * The `history` call: what the records say about [from, to) — each target's totals, the outages,
 * degraded periods and gaps in monitoring that overlap it, oldest first, and every target's
 * downtime per local day. Reads the data folder and changes nothing, the journals through the
 * caller's cache; a broken file is a UserError naming it, an unknown target an ApiFailure.
 */
export function historyOf(dataDir: string, request: HistoryRequest, options: HistoryOptions, journals: JournalCache): HistoryValue {
  const range: TimeRange = { from: request.from, to: request.to };
  // What has not happened yet was not "not monitored": the totals and gaps stop at now, the days run on as empty.
  const past: TimeRange = { from: range.from, to: Math.max(range.from, Math.min(range.to, options.nowSeconds)) };
  const dirs = request.target === undefined ? viewedTargets(dataDir) : [viewedTarget(dataDir, request.target)];
  const targets = dirs.map((t) => loadViewed(t, options, journals));
  const outages = targets.map((t) => outagesOfTarget(t, range));
  return {
    from: range.from,
    to: range.to,
    zone: options.zone.name,
    targets: targets.map((t) => {
      const totals = totalsOf(t.series, past);
      return { name: t.name, uptime_s: totals.uptime, downtime_s: totals.downtime, unmonitored_s: totals.unmonitored };
    }),
    outages: outages.flatMap((o) => o.rows).sort(byStart),
    degraded: targets.flatMap((t) => degradedPeriodsOf(t.name, t.journal, range)).sort(byStart),
    unmonitored: targets.flatMap((t) => unmonitoredSpans(t.name, t.series, past, options.nowSeconds)).sort(byStart),
    days: downtimeByDay(new LocalCalendar(options.zone, range), outages.flatMap((o) => o.downtime)),
  };
}

function outagesOfTarget(target: ViewedTarget, range: TimeRange): { rows: HistoryOutage[]; downtime: DownSpan[] } {
  const { starts } = outageJournal(target.journal);
  const overlapping = outagesIn(outagesOf(target.series), range);
  return {
    rows: overlapping.map((o) => historyOutageOf(target, o, starts)),
    downtime: overlapping.map((o) => ({ start: o.start, end: downtimeEnd(target, o) })),
  };
}

/** Oldest first; at the same second, by target name, so the order does not depend on the folder's. */
function byStart(a: { start: number; target: string }, b: { start: number; target: string }): number {
  return a.start - b.start || (a.target < b.target ? -1 : a.target > b.target ? 1 : 0);
}
