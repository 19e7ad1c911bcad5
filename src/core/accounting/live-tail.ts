import { Status } from '../store/transition-record.js';
import type { TransitionSeries } from '../store/transition-log.js';

/**
 * A running monitor writes only changes, so its log ends at the last change, not at now. The
 * process that runs the session knows it is still running: from its last UP or DOWN to `until`
 * the state held (a change would have been written). This adds that as a record in memory, never
 * on disk, so the time counts as what it was instead of as unmonitored. A log whose session is
 * closed (STOPPED) or has not yet probed (STARTED) is left as it is.
 */
export function extendOpenSession(series: TransitionSeries, until: number): TransitionSeries {
  const n = series.times.length;
  const last = series.statuses[n - 1];
  if (n === 0 || (last !== Status.UP && last !== Status.DOWN) || until <= series.times[n - 1]!) return series;
  const times = new Float64Array(n + 1);
  times.set(series.times);
  times[n] = until;
  const statuses = new Uint8Array(n + 1);
  statuses.set(series.statuses);
  statuses[n] = last;
  return { ...series, times, statuses };
}
