import type { ApiRequest } from '../../shared/api-contract.js';
import { shortDay } from '../lib/format.js';
import { addDays, addMonths, dayKey, dayOf, pad, parseDayKey, type Day } from '../lib/zone-time.js';

export type Preset = 'last-month' | 'this-month' | 'last-30-days' | 'custom';
export type Format = 'pdf' | 'html' | 'md' | 'csv' | 'json';

export interface ReportChoice {
  preset: Preset;
  /** Custom days, YYYY-MM-DD, both included. */
  from: string;
  to: string;
  format: Format;
  /** '' for every target. */
  target: string;
  sla: { on: boolean; availability: string; hours: 'all' | 'business'; minOutage: string };
}

export const PRESETS: { preset: Preset; label: string }[] = [
  { preset: 'last-month', label: 'Last month' },
  { preset: 'this-month', label: 'This month' },
  { preset: 'last-30-days', label: 'Last 30 days' },
  { preset: 'custom', label: 'Custom' },
];

export const FORMATS: { format: Format; label: string }[] = [
  { format: 'pdf', label: 'PDF document' },
  { format: 'html', label: 'HTML page' },
  { format: 'md', label: 'Markdown' },
  { format: 'csv', label: 'CSV, a row per outage' },
  { format: 'json', label: 'JSON' },
];

const month = (d: Day) => `${d.year}-${pad(d.month)}`;

/** The days a choice covers, first and last, in the monitor's calendar; null for a custom range not yet given. */
function daysOf(choice: ReportChoice, now: number, zone: string): { first: Day; last: Day } | null {
  const today = dayOf(now, zone);
  switch (choice.preset) {
    case 'last-month': {
      const first = addMonths({ ...today, day: 1 }, -1);
      return { first, last: addDays({ ...today, day: 1 }, -1) };
    }
    case 'this-month':
      return { first: { ...today, day: 1 }, last: today };
    case 'last-30-days':
      return { first: addDays(today, -29), last: today };
    case 'custom': {
      const first = parseDayKey(choice.from);
      const last = parseDayKey(choice.to);
      return first === null || last === null ? null : { first, last };
    }
  }
}

/**
 * The query of GET /api/report, by the names `nom report` gives its flags: a bare month or day
 * as the engine reads it ("to" a day means through its end), in the monitor's zone.
 */
export function reportQuery(choice: ReportChoice, now: number, zone: string): ApiRequest<'report'> {
  const days = daysOf(choice, now, zone);
  const range =
    choice.preset === 'last-month' && days !== null ? { from: month(days.first), to: month(days.first) } : days === null ? {} : { from: dayKey(days.first), to: dayKey(days.last) };
  const sla = choice.sla.on
    ? { sla: choice.sla.availability.trim(), 'sla-hours': choice.sla.hours, ...(choice.sla.minOutage.trim() === '' ? {} : { 'sla-min-outage': choice.sla.minOutage.trim() }) }
    : {};
  return { format: choice.format, tz: zone, ...range, ...(choice.target === '' ? {} : { target: choice.target }), ...sla };
}

export function periodText(choice: ReportChoice, now: number, zone: string): string {
  const days = daysOf(choice, now, zone);
  if (days === null) return 'Choose the first and last day.';
  return `${shortDay(days.first)} – ${shortDay(days.last)}`;
}
