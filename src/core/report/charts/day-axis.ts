import type { PositionDef } from 'vega-lite/types_unstable/channeldef.js';

const DAY_MS = 86_400_000;
/** Up to about a quarter, days are wide enough to show a gap between bars; past that the gaps would be stripes. */
const GAPPED_DAYS = 92;
/** Up to about two months, the axis names days; past that, months. */
const NAMED_DAYS = 62;

/**
 * A local date (`2025-10-01`) at UTC midnight, drawn on a UTC scale: the chart shows the date
 * the report's zone gave each day, whatever zone it is rendered in.
 */
export function dayStart(date: string): number {
  const [year, month, day] = date.split('-').map(Number);
  return Date.UTC(year!, month! - 1, day);
}

/** A day's bar, from its left edge to its right. */
export function dayEdges(date: string, days: number): { day: number; next: number } {
  const start = dayStart(date);
  return { day: start, next: start + (days <= GAPPED_DAYS ? DAY_MS * 0.8 : DAY_MS) };
}

export function dayMiddle(date: string): number {
  return dayStart(date) + DAY_MS / 2;
}

/**
 * The x axis of a per-day chart, over every day of the period whether it has a bar or not: day
 * numbers over a couple of months; over longer periods months, with the year on each January
 * (and on the first label) so two Januaries never look alike. A panel above another showing
 * the same days goes without labels. The domain is a signal: given as numbers, vega-lite reads
 * it as dates for x and as numbers for x2, and warns of a conflict.
 */
export function dayAxis(dates: readonly string[], labelled = true): PositionDef<string> {
  const first = dates[0];
  const last = dates.at(-1);
  const domain = first === undefined || last === undefined ? undefined : { signal: `[${dayStart(first)}, ${dayStart(last) + DAY_MS}]` };
  const short = dates.length <= NAMED_DAYS;
  const ticks = short
    ? { format: '%-d %b', tickCount: Math.min(dates.length, 10) }
    : { labelExpr: "utcFormat(datum.value, datum.index === 0 || utcmonth(datum.value) === 0 ? '%b %Y' : '%b')", tickCount: 'month' as const };
  const axis = labelled ? { ...ticks, labelAngle: 0, grid: false } : { labels: false, ticks: false, domain: false, grid: false };
  return { field: 'day', type: 'temporal', scale: domain ? { type: 'utc', domain } : { type: 'utc' }, title: null, axis };
}
