import { DateTime } from 'luxon';
import { overlap, type TimeRange } from '../accounting/time-range.js';
import type { TargetReport } from '../report/report-model.js';
import { Status } from '../store/transition-record.js';
import { observedEnd } from './analysis.js';
import type { LocalCalendar } from './calendar.js';

/** Business hours: on these ISO weekdays (1 = Monday), from `start` to `end` local time, in minutes after midnight. */
export interface BusinessHours {
  weekdays: number[];
  start: number;
  end: number;
}

export interface SlaTerms {
  /** The availability promised, as a fraction: 0.995 for 99.5 %. */
  target: number;
  /** Count every hour, or only business hours. */
  hours: 'all' | BusinessHours;
  /** Outages shorter than this do not count against the promise (many contracts say so). */
  minOutageSeconds: number;
}

export interface SlaResult {
  terms: SlaTerms;
  /** Monitored seconds within the counted hours. */
  monitored: number;
  /** Downtime that counts: internet outages at least minOutageSeconds long, within the counted hours. */
  counted: number;
  countedOutages: number;
  availability: number | null;
  met: boolean | null;
  /** Downtime the promise allows over the monitored time. */
  allowed: number;
  /** Hours of downtime beyond what the promise allows (negative: within it). */
  gapHours: number;
}

export const OFFICE_HOURS: BusinessHours = { weekdays: [1, 2, 3, 4, 5], start: 9 * 60, end: 17 * 60 };

/**
 * Availability against a contract's terms. Only internet outages count (a target that alone
 * went silent while DNS worked is not the ISP's downtime), and only time that was monitored:
 * the promise is measured against what was observed, never against a guess.
 */
export function slaOf(target: TargetReport, calendar: LocalCalendar, terms: SlaTerms): SlaResult {
  const windows = terms.hours === 'all' ? [calendar.range] : businessWindows(calendar, terms.hours);
  const within = (start: number, end: number): number => {
    let sum = 0;
    for (let i = firstEndingAfter(windows, start); i < windows.length && windows[i]!.from < end; i++) sum += overlap(start, end, windows[i]!);
    return sum;
  };

  let monitored = 0;
  const { times, statuses } = target.series;
  for (let i = 0; i + 1 < times.length; i++) {
    if (statuses[i] === Status.UP || statuses[i] === Status.DOWN) monitored += within(times[i]!, times[i + 1]!);
  }
  let counted = 0;
  let countedOutages = 0;
  const lastRecord = times.at(-1) ?? null;
  for (const o of target.outages) {
    // An open outage that has already lasted the minimum will have lasted it however it ends.
    const end = observedEnd(o, lastRecord);
    if (o.cause === 'target' || end - o.start < terms.minOutageSeconds) continue;
    const seconds = within(o.start, end);
    if (seconds === 0) continue;
    counted += seconds;
    countedOutages++;
  }
  const availability = monitored === 0 ? null : 1 - counted / monitored;
  const allowed = (1 - terms.target) * monitored;
  return {
    terms,
    monitored,
    counted,
    countedOutages,
    availability,
    met: availability === null ? null : availability >= terms.target,
    allowed,
    gapHours: (counted - allowed) / 3600,
  };
}

/** The first of the windows (in order, apart) that ends after `t`: a year of spans against a year of business days is a search each, not a scan. */
function firstEndingAfter(windows: TimeRange[], t: number): number {
  let lo = 0;
  let hi = windows.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (windows[mid]!.to <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The business-hour windows within the range, one per business day, in the zone's local time. */
export function businessWindows(calendar: LocalCalendar, hours: BusinessHours): TimeRange[] {
  const { range } = calendar;
  const windows: TimeRange[] = [];
  for (const day of calendar.days) {
    if (!hours.weekdays.includes(day.weekday)) continue;
    const at = (minutes: number): number => Math.floor(day.local.set({ hour: Math.floor(minutes / 60), minute: minutes % 60 }).toSeconds());
    const from = Math.max(range.from, at(hours.start));
    const to = Math.min(range.to, hours.end >= 24 * 60 ? day.end : at(hours.end));
    if (to > from) windows.push({ from, to });
  }
  return windows;
}

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** `Mon-Fri 09:00-17:00` (or `Mon,Wed 08:30-12:00`); null when it cannot be read. */
export function parseBusinessHours(text: string): BusinessHours | null {
  const match = /^\s*([A-Za-z]{3}(?:\s*[-,]\s*[A-Za-z]{3})*)\s+(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$/.exec(text);
  if (!match) return null;
  const weekdays = new Set<number>();
  for (const part of match[1]!.split(',')) {
    const [first, last] = part.split('-').map((d) => DAYS.indexOf(d.trim().toLowerCase()) + 1);
    if (!first || (last !== undefined && !last)) return null;
    for (let d = first; d !== (last ?? first) % 7 + 1; d = (d % 7) + 1) weekdays.add(d);
  }
  const start = Number(match[2]) * 60 + Number(match[3]);
  const end = Number(match[4]) * 60 + Number(match[5]);
  if (Number(match[3]) > 59 || Number(match[5]) > 59 || start >= end || end > 24 * 60) return null;
  return { weekdays: [...weekdays].sort(), start, end };
}

export function describeBusinessHours(hours: BusinessHours): string {
  const time = (m: number) => DateTime.fromObject({ hour: Math.floor(m / 60) % 24, minute: m % 60 }).toFormat('HH:mm');
  const names = hours.weekdays.map((d) => DAYS[d - 1]!.replace(/^./, (c) => c.toUpperCase()));
  return `${names.join(', ')} ${time(hours.start)}–${hours.end === 24 * 60 ? '24:00' : time(hours.end)}`;
}
