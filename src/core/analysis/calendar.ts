import { DateTime, type Zone } from 'luxon';

/** A piece of a span that lies within one local calendar unit (a day, an hour) of a zone. */
export interface CalendarPiece {
  start: number;
  end: number;
  /** The unit's local start. */
  local: DateTime;
}

/**
 * Cuts [start, end) (unix seconds) at the zone's local `unit` boundaries, so each piece can be
 * counted against its own day or hour; DST days are 23 or 25 hours long, as they were lived.
 */
export function* splitByCalendar(start: number, end: number, zone: Zone, unit: 'day' | 'hour'): Generator<CalendarPiece> {
  let local = DateTime.fromSeconds(start, { zone }).startOf(unit);
  let from = start;
  while (from < end) {
    const next = local.plus(unit === 'day' ? { days: 1 } : { hours: 1 });
    const boundary = Math.floor(next.toSeconds());
    const to = Math.min(end, boundary);
    if (to > from) yield { start: from, end: to, local };
    from = to;
    local = next;
  }
}
