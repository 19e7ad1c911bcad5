import { overlap, type TimeRange } from '../accounting/time-range.js';
import type { TargetData } from '../store/target-data.js';
import { unmonitoredSpans } from '../views/unmonitored-spans.js';

/**
 * Seconds of the range the user had paused monitoring: the gaps between sessions that an
 * `unmonitored` entry with reason `paused` explains. The entry stands beside the STOPPED that
 * opens the gap, so gaps are found over all time (their starts unclipped) and clipped here; a
 * pause not yet resumed lasts to the range's end, as the totals count that time unmonitored.
 */
export function pausedSecondsOf(target: TargetData, range: TimeRange): number {
  const paused = new Set(target.journal.filter((e) => e.type === 'unmonitored' && e.reason === 'paused').map((e) => e.start));
  if (paused.size === 0) return 0;
  return unmonitoredSpans(target.name, target.series, { from: -Infinity, to: Infinity }, range.to)
    .filter((span) => paused.has(span.start))
    .reduce((sum, span) => sum + overlap(span.start, span.end, range), 0);
}
