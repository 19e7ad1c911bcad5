import { DateTime, type Zone } from 'luxon';
import type { TimeRange } from '../accounting/time-range.js';
import { OffsetTable } from '../time/zone-offsets.js';

/** A local calendar day of the zone: 23, 24 or 25 hours long, as it was lived. */
export interface LocalDay {
  /** `2025-10-26` */
  date: string;
  /** Unix seconds: its first second, and the next day's. */
  start: number;
  end: number;
  /** ISO weekday, 1 = Monday. */
  weekday: number;
  /** Its start, for the few questions left to luxon (business hours). */
  local: DateTime;
}

const DAY = 86_400;
const HOUR = 3600;

/**
 * The local days and hours of a report's range in its zone, worked out once: day boundaries
 * from luxon, one per day, and offsets from a table (OffsetTable). Cutting a span at midnight or
 * on the hour is then a binary search and arithmetic, not two luxon calls per piece, which for a
 * year of records and outages took seconds. Exact across DST changes: the days are luxon's, and
 * the hours are cut wherever the wall clock passes a whole hour or the offset changes.
 */
export class LocalCalendar {
  /** Every local day that overlaps the range, in order. */
  readonly days: LocalDay[] = [];
  readonly offsets: OffsetTable;
  /** The days' starts, and the last day's end. */
  private readonly bounds: number[];

  constructor(
    readonly zone: Zone,
    readonly range: TimeRange,
  ) {
    let local = DateTime.fromSeconds(range.from, { zone }).startOf('day');
    let start = Math.floor(local.toSeconds());
    while (start < range.to && range.from < range.to) {
      const next = local.plus({ days: 1 });
      const end = Math.floor(next.toSeconds());
      this.days.push({ date: local.toISODate() ?? '', start, end, weekday: local.weekday, local });
      local = next;
      start = end;
    }
    this.bounds = [...this.days.map((d) => d.start), start];
    this.offsets = new OffsetTable(zone, this.bounds[0]!, start);
  }

  /** The index of the day holding this instant, or -1 outside the days. */
  dayAt(unixSeconds: number): number {
    const { bounds } = this;
    if (unixSeconds < bounds[0]! || unixSeconds >= bounds.at(-1)!) return -1;
    let lo = 0;
    let hi = bounds.length - 2;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (bounds[mid]! <= unixSeconds) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** Cuts [start, end), clipped to the range, at local midnights: each piece with its day's index. */
  eachDay(start: number, end: number, visit: (day: number, from: number, to: number) => void): void {
    let from = Math.max(start, this.range.from);
    const until = Math.min(end, this.range.to);
    if (from >= until) return;
    for (let day = this.dayAt(from); from < until; day++) {
      const to = Math.min(until, this.bounds[day + 1]!);
      visit(day, from, to);
      from = to;
    }
  }

  /** Cuts [start, end), clipped to the range, at local hours: each piece with its hour (0–23) and ISO weekday. */
  eachHour(start: number, end: number, visit: (hour: number, weekday: number, from: number, to: number) => void): void {
    let from = Math.max(start, this.range.from);
    const until = Math.min(end, this.range.to);
    while (from < until) {
      const local = from + this.offsets.at(from);
      const to = Math.min(until, from + HOUR - modulo(local, HOUR), this.offsets.nextChange(from));
      visit(hourOf(local), weekdayOf(local), from, to);
      from = to;
    }
  }

  /** The local hour (0–23) at an instant. */
  hourAt(unixSeconds: number): number {
    return hourOf(unixSeconds + this.offsets.at(unixSeconds));
  }

  /** The ISO weekday (1 = Monday) at an instant. */
  weekdayAt(unixSeconds: number): number {
    return weekdayOf(unixSeconds + this.offsets.at(unixSeconds));
  }
}

function modulo(n: number, m: number): number {
  return ((n % m) + m) % m;
}

/** Wall-clock seconds (unix seconds plus the offset) to the hour of the day. */
function hourOf(local: number): number {
  return Math.floor(modulo(local, DAY) / HOUR);
}

/** Wall-clock seconds to the ISO weekday: day 0 of the epoch, 1 January 1970, was a Thursday. */
function weekdayOf(local: number): number {
  return modulo(Math.floor(local / DAY) + 3, 7) + 1;
}
