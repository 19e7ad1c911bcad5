import type { Day } from './zone-time.js';

/**
 * Times and durations as the views say them. Dates and clocks follow the reader's locale but
 * the monitor's zone, so that "14:02" means the same moment as in its records.
 */
const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

function formatIn(zone: string, kind: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${zone}|${kind}`;
  let format = dateTimeFormats.get(key);
  if (format === undefined) {
    format = new Intl.DateTimeFormat(undefined, { timeZone: zone, ...options });
    dateTimeFormats.set(key, format);
  }
  return format;
}

const HM: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };

/** 14:02, or 14:02:31 */
export function clockTime(unix: number, zone: string, withSeconds = false): string {
  return withSeconds ? formatIn(zone, 'hms', { ...HM, second: '2-digit' }).format(unix * 1000) : formatIn(zone, 'hm', HM).format(unix * 1000);
}

/** Tue 4 Mar 2025, 14:02 */
export function dateTime(unix: number, zone: string): string {
  return formatIn(zone, 'dt', { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', ...HM }).format(unix * 1000);
}

/** 4 Mar, 14:02:03.412: the outage bounds, to the millisecond. */
export function msTime(ms: number, zone: string): string {
  return formatIn(zone, 'ms', { day: 'numeric', month: 'short', ...HM, second: '2-digit', fractionalSecondDigits: 3 }).format(ms);
}

/** Tuesday 4 March 2025 (a calendar day has no zone: it is printed as named). */
export function longDay(day: Day): string {
  return formatIn('UTC', 'day', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(Date.UTC(day.year, day.month - 1, day.day));
}

/** 4 Mar 2025, or Mar 2025, for range labels. */
export function shortDay(day: Day, withDay = true): string {
  const options: Intl.DateTimeFormatOptions = withDay ? { day: 'numeric', month: 'short', year: 'numeric' } : { month: 'long', year: 'numeric' };
  return formatIn('UTC', withDay ? 'sd' : 'sm', options).format(Date.UTC(day.year, day.month - 1, day.day));
}

/** 4 Mar (a chart's tick), or Mar with `month` alone. */
export function dayMonth(day: Day, monthOnly = false): string {
  const options: Intl.DateTimeFormatOptions = monthOnly ? { month: 'short' } : { day: 'numeric', month: 'short' };
  return formatIn('UTC', monthOnly ? 'm' : 'dm', options).format(Date.UTC(day.year, day.month - 1, day.day));
}

/** Machine-readable for <time datetime>. */
export function isoTime(unix: number): string {
  return new Date(unix * 1000).toISOString();
}

/** 45 s · 3 min 12 s · 2 h 5 min · 3 d 4 h: two units at most, enough to read at a glance. */
export function duration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  const units: [number, string][] = [
    [86_400, 'd'],
    [3_600, 'h'],
    [60, 'min'],
    [1, 's'],
  ];
  const first = units.findIndex(([size]) => s >= size);
  const [bigSize, bigName] = units[first] ?? [1, 's'];
  const [smallSize, smallName] = units[first + 1] ?? [1, 's'];
  const big = Math.floor(s / bigSize);
  const small = Math.floor((s - big * bigSize) / smallSize);
  return small === 0 ? `${big} ${bigName}` : `${big} ${bigName} ${small} ${smallName}`;
}

/** A running timer: 3:07, 1:02:03, 2 d 01:02:03. */
export function timer(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const days = Math.floor(s / 86_400);
  const h = Math.floor((s % 86_400) / 3_600);
  const m = Math.floor((s % 3_600) / 60);
  const sec = s % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  if (days > 0) return `${days} d ${two(h)}:${two(m)}:${two(sec)}`;
  return h > 0 ? `${h}:${two(m)}:${two(sec)}` : `${m}:${two(sec)}`;
}

const relativeFormat = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

/** "12 minutes ago", "yesterday": how long ago a moment was. */
export function ago(seconds: number): string {
  const s = Math.max(0, seconds);
  if (s < 45) return 'just now';
  if (s < 3_600) return relativeFormat.format(-Math.round(s / 60), 'minute');
  if (s < 86_400) return relativeFormat.format(-Math.round(s / 3_600), 'hour');
  return relativeFormat.format(-Math.round(s / 86_400), 'day');
}

/** 99.982 % with as many decimals as the difference from 100 needs to show. */
export function percent(fraction: number): string {
  const p = fraction * 100;
  if (p === 100) return '100 %';
  const decimals = p >= 99.99 ? 3 : p >= 99 ? 2 : 1;
  return `${p.toFixed(decimals)} %`;
}

// One formatter for every number: Number#toLocaleString makes a new one at each call, which
// costs a tenth of a millisecond, and a year's calendar labels 366 days.
const numbers = new Intl.NumberFormat();

/** 10,000 in the reader's own digit grouping. */
export function number(n: number): string {
  return numbers.format(n);
}

export function count(n: number, one: string, many = `${one}s`): string {
  return `${number(n)} ${n === 1 ? one : many}`;
}
