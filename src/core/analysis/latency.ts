import type { SampleSeries } from '../store/samples-file.js';
import { NO_VALUE } from '../store/samples-record.js';
import type { LocalCalendar } from './calendar.js';

/** Response times, jitter and loss over one period, from the ping monitor's per-minute samples. */
export interface LatencyPeriod {
  /** Local time: `2025-10-26` (a day), `2025-10` (a month), `2025-10-26 02:00` (an hour; ` +01:00` added when a DST change repeats it). */
  period: string;
  /** Unix seconds, [from, to): the period, within the report's range. */
  from: number;
  to: number;
  /** Echo requests sent, and answered, in the minutes that began in the period. */
  sent: number;
  received: number;
  minMs: number | null;
  /** The mean over every reply: each minute's mean weighted by its replies. */
  avgMs: number | null;
  maxMs: number | null;
  /** Each minute's jitter weighted by its replies; null when no round had two replies. */
  jitterMs: number | null;
  /** Share of echo requests lost, 0..1; null when none were sent. */
  loss: number | null;
}

export interface Latency {
  /** The whole range. */
  total: LatencyPeriod;
  /** Every local day of the range, those without samples too (all null): a chart leaves them as gaps. */
  days: LatencyPeriod[];
  /** Every local month of the range. */
  months: LatencyPeriod[];
  /** Every local hour, when the range is at most HOURLY_UP_TO long; else null. */
  hours: LatencyPeriod[] | null;
}

/** Two local days, one of them 25 hours long: a day or two is told hour by hour; longer, a day is the finest unit. */
export const HOURLY_UP_TO = 50 * 3600;

/**
 * A target's latency over the calendar's range, per day, month and (for a short range) hour;
 * null when no sample lies in the range (the ping monitor did not watch it then). The samples
 * are in time order, so each period's are one run, found by binary search.
 */
export function latencyOf(samples: SampleSeries, calendar: LocalCalendar): Latency | null {
  const { range } = calendar;
  if (lowerBound(samples.at, range.from) >= lowerBound(samples.at, range.to)) return null;

  const clip = (from: number, to: number) => [Math.max(from, range.from), Math.min(to, range.to)] as const;
  const spans = calendar.days.map((d) => clip(d.start, d.end));
  const dayTallies = spans.map(([from, to]) => Tally.of(samples, from, to));
  const days = calendar.days.map((d, i) => dayTallies[i]!.period(d.date, ...spans[i]!));

  const months: LatencyPeriod[] = [];
  const total = new Tally();
  for (let i = 0; i < calendar.days.length; ) {
    const label = calendar.days[i]!.date.slice(0, 7);
    const from = calendar.days[i]!.start;
    const tally = new Tally();
    for (; i < calendar.days.length && calendar.days[i]!.date.startsWith(label); i++) tally.merge(dayTallies[i]!);
    months.push(tally.period(label, ...clip(from, calendar.days[i - 1]!.end)));
    total.merge(tally);
  }

  return {
    total: total.period(`${days[0]!.period} – ${days.at(-1)!.period}`, range.from, range.to),
    days,
    months,
    hours: range.to - range.from <= HOURLY_UP_TO ? hourly(samples, calendar) : null,
  };
}

/** Each local hour of the range (cut where a DST change moves the clock, so a repeated hour is its own period). */
function hourly(samples: SampleSeries, calendar: LocalCalendar): LatencyPeriod[] {
  const pieces: Array<{ from: number; to: number; offset: number; tally: Tally }> = [];
  calendar.eachHour(calendar.range.from, calendar.range.to, (_hour, _weekday, from, to) => {
    pieces.push({ from, to, offset: calendar.offsets.at(from), tally: Tally.of(samples, from, to) });
  });
  // Named by the hour they lie in: the first may begin later, where the range begins.
  const labels = pieces.map((p) => new Date(Math.floor((p.from + p.offset) / 3600) * 3600_000).toISOString().slice(0, 16).replace('T', ' '));
  const repeated = new Set(labels.filter((label, i) => labels.indexOf(label) !== i));
  return pieces.map((p, i) => p.tally.period(repeated.has(labels[i]!) ? `${labels[i]} ${offsetText(p.offset)}` : labels[i]!, p.from, p.to));
}

function offsetText(seconds: number): string {
  const abs = Math.abs(seconds);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${seconds < 0 ? '-' : '+'}${two(Math.floor(abs / 3600))}:${two(Math.floor((abs % 3600) / 60))}`;
}

/** The first index whose minute is at or after `t`. */
function lowerBound(at: Uint32Array, t: number): number {
  let lo = 0;
  let hi = at.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (at[mid]! < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Sums that add up exactly over minutes, days and months; averages are taken only at the end. */
class Tally {
  private sent = 0;
  private received = 0;
  private minUs = Infinity;
  private maxUs = -Infinity;
  /** Σ minute mean × its replies: the sum of every reply's time. */
  private rttSum = 0;
  private jitterSum = 0;
  private jitterWeight = 0;

  /** The samples whose minute begins in [from, to): one loop over the columns, a year's minutes in milliseconds. */
  static of(s: SampleSeries, from: number, to: number): Tally {
    const tally = new Tally();
    const { sent, received, minUs, avgUs, maxUs, jitterUs } = s;
    for (let i = lowerBound(s.at, from), end = lowerBound(s.at, to); i < end; i++) {
      const answered = received[i]!;
      tally.sent += sent[i]!;
      tally.received += answered;
      if (answered === 0) continue;
      if (minUs[i]! < tally.minUs) tally.minUs = minUs[i]!;
      if (maxUs[i]! > tally.maxUs) tally.maxUs = maxUs[i]!;
      tally.rttSum += avgUs[i]! * answered;
      const jitter = jitterUs[i]!;
      if (jitter === NO_VALUE) continue;
      tally.jitterSum += jitter * answered;
      tally.jitterWeight += answered;
    }
    return tally;
  }

  merge(other: Tally): void {
    this.sent += other.sent;
    this.received += other.received;
    this.minUs = Math.min(this.minUs, other.minUs);
    this.maxUs = Math.max(this.maxUs, other.maxUs);
    this.rttSum += other.rttSum;
    this.jitterSum += other.jitterSum;
    this.jitterWeight += other.jitterWeight;
  }

  period(period: string, from: number, to: number): LatencyPeriod {
    const answered = this.received > 0;
    return {
      period,
      from,
      to,
      sent: this.sent,
      received: this.received,
      minMs: answered ? this.minUs / 1000 : null,
      avgMs: answered ? Math.round(this.rttSum / this.received) / 1000 : null,
      maxMs: answered ? this.maxUs / 1000 : null,
      jitterMs: this.jitterWeight > 0 ? Math.round(this.jitterSum / this.jitterWeight) / 1000 : null,
      loss: this.sent > 0 ? (this.sent - this.received) / this.sent : null,
    };
  }
}
