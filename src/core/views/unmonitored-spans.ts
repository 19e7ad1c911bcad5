import { Status } from '../store/transition-record.js';
import type { TransitionSeries } from '../store/transition-log.js';
import type { TimeRange } from '../accounting/time-range.js';

export interface UnmonitoredSpan {
  target: string;
  start: number;
  end: number;
}

/**
 * The gaps between a target's sessions: from a STOPPED to the record that opens the next one
 * (its STARTED), clipped to the range. A session not reopened yet is a gap until now. The time
 * before the first record is not a gap: nothing was being monitored to be stopped.
 */
export function unmonitoredSpans(target: string, series: TransitionSeries, range: TimeRange, nowSeconds: number): UnmonitoredSpan[] {
  const { times, statuses } = series;
  const spans: UnmonitoredSpan[] = [];
  const add = (start: number, end: number) => {
    const from = Math.max(start, range.from);
    const to = Math.min(end, range.to);
    if (to > from) spans.push({ target, start: from, end: to });
  };
  let stoppedAt: number | null = null;
  for (let i = 0; i < times.length; i++) {
    if (statuses[i] === Status.STOPPED) {
      stoppedAt ??= times[i]!;
    } else if (stoppedAt !== null) {
      add(stoppedAt, times[i]!);
      stoppedAt = null;
    }
  }
  if (stoppedAt !== null) add(stoppedAt, nowSeconds);
  return spans;
}
