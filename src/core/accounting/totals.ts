import { Status } from '../store/transition-record.js';
import type { TransitionSeries } from '../store/transition-log.js';
import { overlap, type TimeRange } from './time-range.js';

export interface Totals {
  uptime: number;
  downtime: number;
  /** Time in the range with no monitoring session running (stopped, between sessions, or outside the records). */
  unmonitored: number;
}

/**
 * network-outage-monitor's rules: the span from one record to the next takes the first
 * record's state. UP counts as uptime, DOWN as downtime; after STARTED (until the first probe
 * result) and after STOPPED (until the next session) nothing was observed, so the span is
 * unmonitored. Over the default range, first to last record, the totals equal the original's.
 */
export function totalsOf(series: TransitionSeries, range: TimeRange): Totals {
  const { times, statuses } = series;
  let uptime = 0;
  let downtime = 0;
  for (let i = 0; i + 1 < times.length; i++) {
    const status = statuses[i];
    if (status !== Status.UP && status !== Status.DOWN) continue;
    const span = overlap(times[i]!, times[i + 1]!, range);
    if (status === Status.UP) uptime += span;
    else downtime += span;
  }
  return { uptime, downtime, unmonitored: Math.max(0, range.to - range.from) - uptime - downtime };
}

/** First to last record: the range a report covers when none is given. */
export function recordedRange(series: TransitionSeries): TimeRange | null {
  const n = series.times.length;
  return n === 0 ? null : { from: series.times[0]!, to: series.times[n - 1]! };
}
