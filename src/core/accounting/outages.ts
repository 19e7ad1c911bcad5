import { Status } from '../store/transition-record.js';
import type { TransitionSeries } from '../store/transition-log.js';
import type { TimeRange } from './time-range.js';

/**
 * How an outage's span ended: an UP record, the monitor stopping (STOPPED), the monitor
 * starting again without having stopped cleanly (STARTED: it crashed or lost power), or not
 * at all yet (null: the last record is DOWN).
 */
export type OutageEnd = 'up' | 'stopped' | 'restarted' | null;

export interface Outage {
  start: number;
  /** null while the outage is still open. */
  end: number | null;
  endedBy: OutageEnd;
}

const END_BY_STATUS: Record<number, OutageEnd> = {
  [Status.UP]: 'up',
  [Status.STOPPED]: 'stopped',
  [Status.STARTED]: 'restarted',
};

/** Every DOWN..UP span in the records (a session boundary also closes one, as it closes the downtime). */
export function outagesOf(series: TransitionSeries): Outage[] {
  const { times, statuses } = series;
  const outages: Outage[] = [];
  let start: number | null = null;
  for (let i = 0; i < times.length; i++) {
    const status = statuses[i]!;
    if (status === Status.DOWN) {
      start ??= times[i]!;
    } else if (start !== null) {
      outages.push({ start, end: times[i]!, endedBy: END_BY_STATUS[status]! });
      start = null;
    }
  }
  if (start !== null) outages.push({ start, end: null, endedBy: null });
  return outages;
}

/** Outages that overlap the range; an open outage counts up to and including the range's end. */
export function outagesIn(outages: Outage[], range: TimeRange): Outage[] {
  return outages.filter((o) =>
    o.end === null ? o.start <= range.to : o.start < range.to && o.end > range.from,
  );
}
