import type { LocalCalendar } from '../analysis/calendar.js';

export interface DayDowntime {
  day: string;
  downtime_s: number;
  outages: number;
}

/** A span of downtime, [start, end): one outage of one target. */
export interface DownSpan {
  start: number;
  end: number;
}

/**
 * Every target's downtime summed per local day of the calendar's range, and how many outages
 * began on each day within the range. The days are the calendar's (23 or 25 hours on DST days),
 * and a span is cut at their midnights.
 */
export function downtimeByDay(calendar: LocalCalendar, spans: Iterable<DownSpan>): DayDowntime[] {
  const days = calendar.days.map((d) => ({ day: d.date, downtime_s: 0, outages: 0 }));
  const { range } = calendar;
  for (const span of spans) {
    calendar.eachDay(span.start, span.end, (day, from, to) => {
      days[day]!.downtime_s += to - from;
    });
    if (span.start >= range.from && span.start < range.to) days[calendar.dayAt(span.start)]!.outages++;
  }
  return days;
}
