import type { TimeRange } from '../accounting/time-range.js';
import type { TargetData } from '../store/target-data.js';
import { Status } from '../store/transition-record.js';
import type { TransitionSeries } from '../store/transition-log.js';
import { degradedPeriodsOf, type DegradedPeriod } from '../views/degraded-periods.js';

/**
 * How a degraded period's shown end came about: the connection recovered (a `degraded-end`), the
 * monitoring session it was in ended (STOPPED) or broke off (a STARTED with no STOPPED), it was
 * still degraded at the last record, or it went on past the range's end.
 */
export type DegradedEnd = 'recovered' | 'stopped' | 'restarted' | 'open' | 'past-range';

/** A degraded period as a report shows it: clipped to the range, its figures as the journal has them. */
export interface ReportedDegraded extends Omit<DegradedPeriod, 'target' | 'end'> {
  end: number;
  endedBy: DegradedEnd;
  /** It began before the range: `start` is the range's start. */
  startedBefore: boolean;
}

export interface DegradedTime {
  periods: ReportedDegraded[];
  /** Their clipped lengths summed: never part of the downtime. */
  seconds: number;
}

/**
 * The dashboard's degraded periods, given the ends a report needs. An open one lasted as far as
 * its session's records go, the totals' rule too: to the STOPPED or STARTED that closed the
 * session, else to the last record (which, for a target the running monitor watches, is now).
 */
export function degradedTimeOf(target: TargetData, range: TimeRange): DegradedTime {
  const periods: ReportedDegraded[] = [];
  for (const period of degradedPeriodsOf(target.name, target.journal, range)) {
    const { end, endedBy } = period.end === null ? sessionEnd(target.series, period.start) : { end: period.end, endedBy: 'recovered' as const };
    const start = Math.max(period.start, range.from);
    const shownEnd = Math.min(end, range.to);
    if (shownEnd <= start) continue;
    periods.push({
      start,
      end: shownEnd,
      endedBy: end > range.to ? 'past-range' : endedBy,
      startedBefore: period.start < range.from,
      loss_pct: period.loss_pct,
      median_rtt_ms: period.median_rtt_ms,
      baseline_rtt_ms: period.baseline_rtt_ms,
      reason: period.reason,
    });
  }
  return { periods, seconds: periods.reduce((sum, p) => sum + p.end - p.start, 0) };
}

/** Where the session holding `start` ends: a STOPPED in the same second ends it, a STARTED in the same second opened it. */
function sessionEnd(series: TransitionSeries, start: number): { end: number; endedBy: DegradedEnd } {
  const { times, statuses } = series;
  for (let i = 0; i < times.length; i++) {
    const at = times[i]!;
    if (at < start) continue;
    if (statuses[i] === Status.STOPPED) return { end: at, endedBy: 'stopped' };
    if (statuses[i] === Status.STARTED && at > start) return { end: at, endedBy: 'restarted' };
  }
  return { end: times.at(-1) ?? start, endedBy: 'open' };
}
