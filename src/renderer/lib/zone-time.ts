/**
 * Calendar arithmetic in the monitor's own zone, which may not be the browser's: "today", the
 * heat-map's days and the history's ranges are the daemon's, as its records count them. Built
 * on Intl alone; times are unix seconds.
 */
export interface Day {
  year: number;
  /** 1–12. */
  month: number;
  day: number;
}

export interface Civil extends Day {
  hour: number;
  minute: number;
  second: number;
  /** 1 Monday … 7 Sunday, as ISO 8601 counts. */
  weekday: number;
}

const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };
const formats = new Map<string, Intl.DateTimeFormat>();

function partsFormat(zone: string): Intl.DateTimeFormat {
  let format = formats.get(zone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      weekday: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formats.set(zone, format);
  }
  return format;
}

function civil(unix: number, zone: string): Civil {
  const parts: Record<string, string> = {};
  for (const p of partsFormat(zone).formatToParts(unix * 1000)) parts[p.type] = p.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    weekday: WEEKDAYS[parts.weekday ?? ''] ?? 1,
  };
}

/** Seconds the zone is ahead of UTC at a moment. */
function offsetAt(unix: number, zone: string): number {
  const c = civil(unix, zone);
  return Date.UTC(c.year, c.month - 1, c.day, c.hour, c.minute, c.second) / 1000 - Math.floor(unix);
}

/** The first second of a day in the zone (twice corrected, for a day whose offset differs from the night before). */
export function startOfDay(day: Day, zone: string): number {
  const wall = Date.UTC(day.year, day.month - 1, day.day) / 1000;
  const guess = wall - offsetAt(wall, zone);
  return wall - offsetAt(guess, zone);
}

export function dayOf(unix: number, zone: string): Day {
  const { year, month, day } = civil(unix, zone);
  return { year, month, day };
}

/** The day `n` days later (or earlier); months and years roll over as the calendar does. */
export function addDays(day: Day, n: number): Day {
  const d = new Date(Date.UTC(day.year, day.month - 1, day.day + n));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

export function addMonths(day: Day, n: number): Day {
  const d = new Date(Date.UTC(day.year, day.month - 1 + n, 1));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: Math.min(day.day, daysInMonth(d.getUTCFullYear(), d.getUTCMonth() + 1)) };
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** 1 Monday … 7 Sunday. */
export function weekdayOf(day: Day): number {
  return ((new Date(Date.UTC(day.year, day.month - 1, day.day)).getUTCDay() + 6) % 7) + 1;
}

/** YYYY-MM-DD, as `history.days` and the report's query name a day. */
export function dayKey(day: Day): string {
  return `${day.year}-${pad(day.month)}-${pad(day.day)}`;
}

export function parseDayKey(key: string): Day | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(key);
  if (m === null) return null;
  return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
}

export function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}
