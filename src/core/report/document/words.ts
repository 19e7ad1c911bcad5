import { DateTime, type Zone } from 'luxon';
import type { OutageCause } from '../../../shared/events.js';
import type { TimeRange } from '../../accounting/time-range.js';

/** Words for a reader who is not an engineer. */

/** `47 minutes`, `3 h 12 m`, `2 days 4 h`, `35 seconds`. */
export function humanDuration(totalSeconds: number): string {
  const s = Math.round(totalSeconds);
  if (s < 60) return `${s} second${s === 1 ? '' : 's'}`;
  // Rounded once, in the smallest unit shown, so a carry lands in the larger one: never "1 h 60 m".
  const minutes = Math.round(s / 60);
  if (minutes < 60) return `${minutes} minute${minutes === 1 ? '' : 's'}`;
  if (minutes < 24 * 60) {
    const h = Math.floor(minutes / 60);
    const m = minutes % 60;
    return m === 0 ? `${h} h` : `${h} h ${m} m`;
  }
  const hours = Math.round(s / 3600);
  const d = Math.floor(hours / 24);
  const h = hours % 24;
  return `${d} day${d === 1 ? '' : 's'}${h === 0 ? '' : ` ${h} h`}`;
}

/** To the second, for tables of evidence: `2 min 2 s`, `1 h 0 min 5 s`, `3 d 4 h 0 min 0 s`. */
export function exactDuration(totalSeconds: number): string {
  const s = Math.floor(totalSeconds);
  const parts = [
    [Math.floor(s / 86_400), 'd'],
    [Math.floor((s % 86_400) / 3600), 'h'],
    [Math.floor((s % 3600) / 60), 'min'],
  ] as const;
  const first = parts.findIndex(([n]) => n > 0);
  const shown = first < 0 ? [] : parts.slice(first).map(([n, unit]) => `${n} ${unit}`);
  return [...shown, `${s % 60} s`].join(' ');
}

/** `in 2025`, `in October 2025`, `on 3 October 2025`, or `between 1 October and 15 October 2025`. */
export function periodWords(range: TimeRange, zone: Zone): string {
  const from = DateTime.fromSeconds(range.from, { zone });
  const to = DateTime.fromSeconds(range.to, { zone });
  if (from.equals(from.startOf('year')) && to.equals(from.plus({ years: 1 }))) return `in ${from.toFormat('yyyy')}`;
  const wholeMonth = from.equals(from.startOf('month')) && to.equals(from.plus({ months: 1 }));
  if (wholeMonth) return `in ${from.toFormat('LLLL yyyy')}`;
  const lastDay = to.minus({ seconds: 1 });
  if (from.hasSame(lastDay, 'day')) return `on ${from.toFormat('d LLLL yyyy')}`;
  const sameYear = from.year === lastDay.year;
  return `between ${from.toFormat(sameYear ? 'd LLLL' : 'd LLLL yyyy')} and ${lastDay.toFormat('d LLLL yyyy')}`;
}

export const CAUSE_WORDS: Record<OutageCause, string> = {
  local: 'your own network (the router did not answer either)',
  isp: 'the internet provider (the router answered, the internet did not)',
  target: 'only the watched address (the internet itself worked)',
  unknown: 'not determined',
};

export const CAUSE_SHORT: Record<OutageCause, string> = {
  local: 'Home network',
  isp: 'Internet provider',
  target: 'Watched address only',
  unknown: 'Unknown',
};

export function percent(ratio: number | null, digits = 3): string {
  return ratio === null ? 'not measured' : `${(ratio * 100).toFixed(digits)} %`;
}

/** `12.3 ms`, `0.845 ms`, `1234 ms`: three significant figures are all a response time tells. */
export function milliseconds(ms: number | null, none = 'no answer'): string {
  if (ms === null) return none;
  return `${ms >= 100 ? Math.round(ms) : Number(ms.toPrecision(3))} ms`;
}

/** The method's sentence on degraded periods, said when the report lists any. */
export const DEGRADED_SENTENCE =
  'A degraded period is a time when the connection worked, but badly (loss or round-trip time over the thresholds the monitor was set to, as each period states them): degraded periods are listed apart from the outages and not counted as downtime.';

/** "Of the time not monitored, the user paused monitoring for 25 minutes (router) and 10 minutes (dns)." */
export function pausedSentence(paused: ReadonlyArray<readonly [name: string, seconds: number]>, named: boolean): string {
  const spans = paused.map(([name, seconds]) => (named ? `${humanDuration(seconds)} (${name})` : humanDuration(seconds)));
  const list = spans.length === 1 ? spans[0]! : `${spans.slice(0, -1).join(', ')} and ${spans.at(-1)!}`;
  return `Of the time not monitored, the user paused monitoring for ${list}.`;
}
