import { clockTime, dateTime, longDay, shortDay } from '../lib/format.js';
import { addDays, addMonths, dayOf, startOfDay, weekdayOf, type Day } from '../lib/zone-time.js';

export type RangeUnit = 'day' | 'week' | 'month' | 'year';

/**
 * A stretch of history in the monitor's calendar: a whole day, week (from Monday), month or year,
 * any run of days (custom), or any two moments (span, from a drag across the timeline).
 */
export type Range =
  | {
      unit: RangeUnit | 'custom';
      /** The first day, and the day after the last. */
      first: Day;
      end: Day;
    }
  | { unit: 'span'; from: number; to: number };

/** A drag narrower than this is not worth a view of its own. */
export const SHORTEST_SPAN_S = 300;

export const UNITS: { unit: RangeUnit; label: string }[] = [
  { unit: 'day', label: 'Day' },
  { unit: 'week', label: 'Week' },
  { unit: 'month', label: 'Month' },
  { unit: 'year', label: 'Year' },
];

/** The day, week, month or year that holds `day`. */
export function rangeOf(unit: RangeUnit, day: Day): Range {
  switch (unit) {
    case 'day':
      return { unit, first: day, end: addDays(day, 1) };
    case 'week': {
      const first = addDays(day, 1 - weekdayOf(day));
      return { unit, first, end: addDays(first, 7) };
    }
    case 'month': {
      const first = { ...day, day: 1 };
      return { unit, first, end: addMonths(first, 1) };
    }
    case 'year':
      return { unit, first: { year: day.year, month: 1, day: 1 }, end: { year: day.year + 1, month: 1, day: 1 } };
  }
}

/** The range before (-1) or after (+1): a custom range moves by its own length. */
export function shifted(range: Range, step: -1 | 1): Range {
  if (range.unit === 'span') {
    const length = range.to - range.from;
    return { unit: 'span', from: range.from + step * length, to: range.to + step * length };
  }
  if (range.unit !== 'custom') {
    const probe = step < 0 ? addDays(range.first, -1) : range.end;
    return rangeOf(range.unit, probe);
  }
  const days = Math.round((Date.UTC(range.end.year, range.end.month - 1, range.end.day) - Date.UTC(range.first.year, range.first.month - 1, range.first.day)) / 86_400_000);
  return { unit: 'custom', first: addDays(range.first, step * days), end: addDays(range.end, step * days) };
}

/** The range as the history call asks it: unix seconds in the monitor's zone. */
export function secondsOf(range: Range, zone: string): { from: number; to: number } {
  if (range.unit === 'span') return { from: range.from, to: range.to };
  return { from: startOfDay(range.first, zone), to: startOfDay(range.end, zone) };
}

/** How a range is named in its heading: "Tuesday 4 March 2025", "March 2025", "2025", "3 Mar 2025 – 9 Mar 2025". */
export function rangeTitle(range: Range, zone: string): string {
  if (range.unit === 'span') return `${dateTime(range.from, zone)} – ${sameDay(dayOf(range.from, zone), dayOf(range.to - 1, zone)) ? clockTime(range.to, zone) : dateTime(range.to, zone)}`;
  const last = addDays(range.end, -1);
  switch (range.unit) {
    case 'day':
      return longDay(range.first);
    case 'month':
      return shortDay(range.first, false);
    case 'year':
      return String(range.first.year);
    default:
      return sameDay(range.first, last) ? longDay(range.first) : `${shortDay(range.first)} – ${shortDay(last)}`;
  }
}

function sameDay(a: Day, b: Day): boolean {
  return a.year === b.year && a.month === b.month && a.day === b.day;
}
