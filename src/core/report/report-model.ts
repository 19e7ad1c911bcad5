import { outagesIn, outagesOf, type Outage } from '../accounting/outages.js';
import type { TimeRange } from '../accounting/time-range.js';
import { recordedRange, totalsOf, type Totals } from '../accounting/totals.js';
import { UserError } from '../errors.js';
import { isoUtc } from '../time/clock-format.js';
import type { OutageBounds, OutageCause, StartEvidence } from '../../shared/events.js';
import type { TargetData } from '../store/target-data.js';
import { degradedTimeOf, type DegradedTime } from './degraded-time.js';
import { pausedSecondsOf } from './paused-time.js';

/** An outage from the transition log, with what the journal knows of it. */
export interface ReportedOutage extends Outage {
  cause: OutageCause;
  evidence: StartEvidence | null;
  bounds: OutageBounds | null;
}

export interface TargetReport extends TargetData {
  totals: Totals;
  outages: ReportedOutage[];
  /** When the connection worked, but badly: shown beside the outages, never counted in the totals. */
  degraded: DegradedTime;
  /** Of the unmonitored time, the seconds the user had paused monitoring. */
  pausedSeconds: number;
}

export interface Report {
  range: TimeRange;
  targets: TargetReport[];
}

const YEAR = 365.25 * 86_400;
const MAX_RANGE_YEARS = 25;

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
      outages: withJournal(outagesIn(outagesOf(target.series), range), target),
      degraded: degradedTimeOf(target, range),
      pausedSeconds: pausedSecondsOf(target, range),
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
  if (from > to) {
    if (requested.to === undefined) throw new UserError(`the range starts after the last record (${isoUtc(to)})`);
    if (requested.from === undefined) throw new UserError(`the range ends before the first record (${isoUtc(from)})`);
    throw new UserError('the range starts after it ends');
  }
  // Each day of the range is analysed and charted: a range of centuries is a mistake, and would take minutes.
  if (to - from > MAX_RANGE_YEARS * YEAR) throw new UserError(`the range is longer than ${MAX_RANGE_YEARS} years: ask for a shorter one`);
  return { from, to };
}

/** Joins each outage to its journal entries: the same target, the same start second. */
function withJournal(outages: Outage[], target: TargetData): ReportedOutage[] {
  const starts = new Map<number, Extract<TargetData['journal'][number], { type: 'outage-start' }>>();
  const ends = new Map<number, Extract<TargetData['journal'][number], { type: 'outage-end' }>>();
  for (const entry of target.journal) {
    if (entry.type === 'outage-start') starts.set(entry.start, entry);
    else if (entry.type === 'outage-end') ends.set(entry.start, entry);
  }
  return outages.map((o) => ({
    ...o,
    cause: starts.get(o.start)?.cause ?? 'unknown',
    evidence: starts.get(o.start)?.evidence ?? null,
    bounds: ends.get(o.start)?.bounds ?? null,
  }));
}

/** uptime / (uptime + downtime); null when nothing in the range was observed. */
export function availability(totals: Totals): number | null {
  const observed = totals.uptime + totals.downtime;
  return observed === 0 ? null : totals.uptime / observed;
}
