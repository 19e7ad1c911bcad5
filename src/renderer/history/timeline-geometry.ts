import type { HistoryValue } from '../../shared/api-contract.js';
import { clockTime, dayMonth } from '../lib/format.js';
import { addDays, addMonths, dayOf, startOfDay, type Day } from '../lib/zone-time.js';

export type HistoryOutage = HistoryValue['outages'][number];

export interface Span {
  start: number;
  end: number;
}

/** One target's row: its outages by start (an open one ends now), its degraded and unmonitored spans. */
export interface Row {
  name: string;
  outages: HistoryOutage[];
  ends: number[];
  degraded: Span[];
  unmonitored: Span[];
}

export function rowsOf(history: HistoryValue, now: number): Row[] {
  const rows = new Map<string, Row>();
  const row = (name: string): Row => {
    let r = rows.get(name);
    if (r === undefined) {
      r = { name, outages: [], ends: [], degraded: [], unmonitored: [] };
      rows.set(name, r);
    }
    return r;
  };
  const until = Math.min(now, history.to);
  for (const t of history.targets) row(t.name);
  for (const o of history.outages) row(o.target).outages.push(o);
  for (const d of history.degraded) row(d.target).degraded.push({ start: d.start, end: d.end ?? until });
  for (const u of history.unmonitored) row(u.target).unmonitored.push(u);
  for (const r of rows.values()) {
    r.outages.sort((a, b) => a.start - b.start);
    r.ends = r.outages.map((o) => o.end ?? until);
  }
  return [...rows.values()];
}

export interface Scale {
  x: (t: number) => number;
  t: (x: number) => number;
}

export function scaleOf(from: number, to: number, width: number): Scale {
  const k = width / Math.max(1, to - from);
  return { x: (t) => (t - from) * k, t: (x) => from + x / k };
}

/**
 * One SVG path for any number of spans: spans that meet within a pixel merge, so that 10,000
 * outages in a year draw as at most one rectangle per pixel column, and each is at least one
 * pixel wide so that a short outage is never lost.
 */
export function spansPath(spans: Iterable<Span>, scale: Scale, y: number, h: number): string {
  const parts: string[] = [];
  let x0 = NaN;
  let x1 = NaN;
  const flush = () => {
    if (!Number.isNaN(x0)) parts.push(`M${x0} ${y}h${x1 - x0}v${h}h${x0 - x1}z`);
  };
  for (const s of spans) {
    const a = Math.floor(scale.x(s.start));
    const b = Math.max(a + 1, Math.ceil(scale.x(s.end)));
    if (!Number.isNaN(x1) && a <= x1) {
      x1 = Math.max(x1, b);
      continue;
    }
    flush();
    x0 = a;
    x1 = b;
  }
  flush();
  return parts.join('');
}

/** How much of a pixel column outages must cover for each shade: any, a sixth, half. */
const SHADES = [0, 1 / 6, 1 / 2];

/**
 * Outages as a strip of up to three shades, one path each: every pixel column is shaded by how
 * much of its time was down. Zoomed in, an outage fills its columns and is solid; over a year,
 * where one column holds hours and several outages, a bad day reads darker than a bad minute.
 * A column with any outage at all is never left blank.
 */
export function shadedPaths(spans: Iterable<Span>, scale: Scale, width: number, y: number, h: number): string[] {
  const columns = Math.max(1, Math.ceil(width));
  const cover = new Float32Array(columns);
  for (const s of spans) {
    const x0 = Math.max(0, Math.min(columns, scale.x(s.start)));
    const x1 = Math.max(x0, Math.min(columns, scale.x(s.end)));
    const first = Math.min(columns - 1, Math.floor(x0));
    for (let px = first; px < Math.max(first + 1, Math.ceil(x1)); px++) {
      cover[px] = (cover[px] ?? 0) + Math.max(1e-6, Math.min(x1, px + 1) - Math.max(x0, px));
    }
  }
  const paths = SHADES.map(() => [] as string[]);
  let runStart = 0;
  let runShade = -1;
  const shadeOf = (c: number) => (c <= 0 ? -1 : SHADES.filter((t) => c > t).length - 1);
  for (let px = 0; px <= columns; px++) {
    const shade = px === columns ? -1 : shadeOf(cover[px] ?? 0);
    if (shade === runShade) continue;
    if (runShade >= 0) paths[runShade]?.push(`M${runStart} ${y}h${px - runStart}v${h}h${runStart - px}z`);
    runStart = px;
    runShade = shade;
  }
  return paths.map((p) => p.join(''));
}

export function* outageSpans(row: Row): Iterable<Span> {
  for (let i = 0; i < row.outages.length; i++) yield { start: row.outages[i]?.start ?? 0, end: row.ends[i] ?? 0 };
}

/** The outage under time `t` (or within `slack` seconds of it), the nearest if several: a binary search, not a scan. */
export function outageAt(row: Row, t: number, slack: number): HistoryOutage | null {
  let lo = 0;
  let hi = row.outages.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((row.outages[mid]?.start ?? 0) <= t + slack) lo = mid + 1;
    else hi = mid;
  }
  let best: HistoryOutage | null = null;
  let bestGap = Infinity;
  // Outages do not overlap within a row, so the nearest lie just before the search's stop.
  for (let i = lo - 1; i >= 0 && i >= lo - 4; i--) {
    const o = row.outages[i];
    if (o === undefined) continue;
    const gap = Math.max(0, o.start - t, t - (row.ends[i] ?? o.start));
    if (gap <= slack && gap < bestGap) {
      best = o;
      bestGap = gap;
    }
  }
  return best;
}

export interface Tick {
  t: number;
  label: string;
}

const HOUR_STEPS = [1, 2, 3, 6, 12];
const DAY_STEPS = [1, 2, 7, 14];
const MONTH_STEPS = [1, 2, 3, 6];

/** Ticks on the zone's own hours, midnights and firsts of the month, about `spacingPx` apart. */
export function ticksOf(from: number, to: number, width: number, zone: string, spacingPx = 96): Tick[] {
  const most = Math.max(2, Math.floor(width / spacingPx));
  const span = to - from;
  const hours = HOUR_STEPS.find((h) => span / (h * 3_600) <= most);
  if (hours !== undefined) {
    const ticks: Tick[] = [];
    for (const d of eachDay(dayOf(from, zone), to, zone)) {
      const midnight = startOfDay(d, zone);
      for (let h = 0; h < 24; h += hours) ticks.push({ t: midnight + h * 3_600, label: h === 0 ? dayMonth(d) : clockTime(midnight + h * 3_600, zone) });
    }
    return ticks.filter((k) => k.t >= from && k.t < to);
  }
  const step = DAY_STEPS.find((n) => span / (n * 86_400) <= most);
  if (step !== undefined) return eachDay(dayOf(from, zone), to, zone).filter((_, i) => i % step === 0).map((d) => ({ t: startOfDay(d, zone), label: dayMonth(d) })).filter((k) => k.t >= from);
  const months = MONTH_STEPS.find((n) => span / (n * 30.44 * 86_400) <= most) ?? 12;
  const ticks: Tick[] = [];
  for (let d: Day = { ...dayOf(from, zone), day: 1 }; startOfDay(d, zone) < to; d = addMonths(d, months)) {
    const t = startOfDay(d, zone);
    if (t >= from) ticks.push({ t, label: d.month === 1 ? String(d.year) : dayMonth(d, true) });
  }
  return ticks;
}

function eachDay(first: Day, to: number, zone: string): Day[] {
  const days: Day[] = [];
  for (let d = first; startOfDay(d, zone) < to; d = addDays(d, 1)) days.push(d);
  return days;
}
