import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LocalCalendar } from '../../../src/core/analysis/calendar.js';
import { latencyOf } from '../../../src/core/analysis/latency.js';
import { allocateSeries, type SampleSeries } from '../../../src/core/store/samples-file.js';
import { NO_VALUE } from '../../../src/core/store/samples-record.js';
import { namedZone } from '../../../src/core/time/zone.js';

const H = 3600;
const OSLO = namedZone('Europe/Oslo');
/** 2025-10-26 00:00 in Oslo: the day summer time ends, 25 hours long. */
const FALL_BACK = Date.UTC(2025, 9, 25, 22) / 1000;

interface Minute {
  at: number;
  sent?: number;
  received?: number;
  /** Round-trip times in microseconds; none when nothing came back. */
  rtt?: { min: number; avg: number; max: number; jitter?: number };
}

function seriesOf(minutes: Minute[]): SampleSeries {
  const s = allocateSeries(minutes.length);
  minutes.forEach((m, i) => {
    s.at[i] = m.at;
    s.sent[i] = m.sent ?? 10;
    s.received[i] = m.received ?? (m.rtt ? 10 : 0);
    s.minUs[i] = m.rtt?.min ?? NO_VALUE;
    s.avgUs[i] = m.rtt?.avg ?? NO_VALUE;
    s.maxUs[i] = m.rtt?.max ?? NO_VALUE;
    s.jitterUs[i] = m.rtt?.jitter ?? NO_VALUE;
  });
  return s;
}

/** A minute every minute of [from, to), all answered in 12 ms. */
function everyMinute(from: number, to: number): Minute[] {
  return Array.from({ length: (to - from) / 60 }, (_, i) => ({ at: from + 60 * i, rtt: { min: 12_000, avg: 12_000, max: 12_000, jitter: 500 } }));
}

describe('latency from the ping samples', () => {
  it('weighs each minute by its replies, and loss by what was sent', () => {
    const range = { from: FALL_BACK - 86_400, to: FALL_BACK + 49 * H };
    const minutes: Minute[] = [
      { at: FALL_BACK + 60, sent: 10, received: 10, rtt: { min: 8_000, avg: 10_000, max: 15_000, jitter: 1_000 } },
      { at: FALL_BACK + 120, sent: 10, received: 2, rtt: { min: 30_000, avg: 40_000, max: 52_500, jitter: 4_000 } },
      { at: FALL_BACK + 180, sent: 10, received: 1, rtt: { min: 9_000, avg: 9_000, max: 9_000 } },
      { at: FALL_BACK + 240, sent: 10, received: 0 },
    ];
    const latency = latencyOf(seriesOf(minutes), new LocalCalendar(OSLO, range))!;
    assert.deepEqual(latency.days.map((d) => d.period), ['2025-10-25', '2025-10-26', '2025-10-27']);
    assert.equal(latency.hours, null, 'three days are told day by day');
    const [before, day, after] = latency.days;
    assert.deepEqual(before, { period: '2025-10-25', from: range.from, to: FALL_BACK, sent: 0, received: 0, minMs: null, avgMs: null, maxMs: null, jitterMs: null, loss: null });
    assert.equal(day!.to - day!.from, 25 * H);
    assert.equal(day!.sent, 40);
    assert.equal(day!.received, 13);
    assert.equal(day!.loss, 27 / 40);
    assert.equal(day!.minMs, 8);
    assert.equal(day!.maxMs, 52.5);
    assert.equal(day!.avgMs, Math.round((10 * 10_000 + 2 * 40_000 + 9_000) / 13) / 1000, 'the mean over every reply');
    assert.equal(day!.jitterMs, (10 * 1 + 2 * 4) / 12, 'jitter weighted by replies, over the minutes that had it');
    assert.equal(after!.to, range.to);
    assert.deepEqual(latency.total, { ...day!, period: '2025-10-25 – 2025-10-27', from: range.from, to: range.to });
  });

  it('tells two days or less hour by hour, the repeated hour of a DST change twice with its offset', () => {
    const range = { from: FALL_BACK, to: FALL_BACK + 25 * H };
    const latency = latencyOf(seriesOf(everyMinute(range.from, range.to)), new LocalCalendar(OSLO, range))!;
    const hours = latency.hours!;
    assert.equal(hours.length, 25);
    assert.deepEqual(hours.slice(0, 5).map((h) => h.period), ['2025-10-26 00:00', '2025-10-26 01:00', '2025-10-26 02:00 +02:00', '2025-10-26 02:00 +01:00', '2025-10-26 03:00']);
    assert.ok(hours.every((h) => h.sent === 600 && h.avgMs === 12 && h.to - h.from === H));
    assert.equal(hours.at(-1)!.period, '2025-10-26 23:00');
    assert.deepEqual(latency.days.map((d) => [d.period, d.sent]), [['2025-10-26', 25 * 600]]);
  });

  it('sums months from their days, in the local calendar', () => {
    // 31 October 23:30 UTC is already 1 November in Oslo.
    const range = { from: Date.UTC(2025, 9, 30, 23) / 1000, to: Date.UTC(2025, 10, 2, 23) / 1000 };
    const late = Date.UTC(2025, 9, 31, 23, 30) / 1000;
    const latency = latencyOf(seriesOf(everyMinute(late, late + 600)), new LocalCalendar(OSLO, range))!;
    assert.deepEqual(latency.months.map((m) => [m.period, m.sent, m.from, m.to]), [
      ['2025-10', 0, range.from, Date.UTC(2025, 9, 31, 23) / 1000],
      ['2025-11', 100, Date.UTC(2025, 9, 31, 23) / 1000, range.to],
    ]);
    assert.equal(latency.total.sent, 100);
  });

  it('is null when no sample lies in the range', () => {
    const range = { from: FALL_BACK, to: FALL_BACK + 86_400 };
    const outside = seriesOf([{ at: FALL_BACK - 60, rtt: { min: 1, avg: 1, max: 1 } }, { at: range.to, rtt: { min: 1, avg: 1, max: 1 } }]);
    assert.equal(latencyOf(outside, new LocalCalendar(OSLO, range)), null);
    assert.equal(latencyOf(seriesOf([]), new LocalCalendar(OSLO, range)), null);
  });
});
