import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MinuteAggregator } from '../../../src/core/monitors/ping/minute-aggregator.js';
import type { RoundResult } from '../../../src/core/monitors/ping/ping-stats.js';
import type { Sample } from '../../../src/core/store/samples-record.js';
import { FakeClock } from '../../support/fake-clock.js';

const NOON = Date.UTC(2025, 9, 10, 12, 0, 0);
const round = (...rttsMs: number[]): RoundResult => ({ sent: 2, rttsMs });

function setup(startMs = NOON): { clock: FakeClock; minutes: MinuteAggregator; emitted: Sample[]; run: (ms: number, r: RoundResult) => Promise<void> } {
  const clock = new FakeClock(startMs);
  const emitted: Sample[] = [];
  const minutes = new MinuteAggregator(clock, (s) => emitted.push(s));
  /** One round that takes `ms`, started now. */
  const run = async (ms: number, r: RoundResult): Promise<void> => {
    const startedAt = clock.now();
    minutes.roundStarted(startedAt);
    await clock.advance(ms);
    minutes.roundDone(startedAt, r);
  };
  return { clock, minutes, emitted, run };
}

describe('per-minute samples', () => {
  it('hands on a minute at its end, with every round that started in it', async () => {
    const { clock, emitted, run } = setup();
    for (let i = 0; i < 6; i++) {
      await run(1_000, round(10 + i));
      await clock.advance(9_000);
    }
    assert.equal(emitted.length, 1, 'written once the minute is over, not later');
    assert.deepEqual(emitted[0], { at: NOON / 1000, sent: 12, received: 6, minMs: 10, avgMs: 12.5, maxMs: 15, jitterMs: null });
  });

  it('waits for a round that started in the minute and is still waiting for replies at its end', async () => {
    const { clock, emitted, run } = setup(NOON + 59_500);
    await run(2_000, round(5, 7));
    assert.equal(clock.now(), NOON + 61_500);
    assert.equal(emitted.length, 1);
    assert.equal(emitted[0]!.at, NOON / 1000);
    assert.equal(emitted[0]!.received, 2);
  });

  it('does not hold a minute for a round that started in the next one', async () => {
    const { clock, emitted, minutes } = setup(NOON + 50_000);
    const first = clock.now();
    minutes.roundStarted(first);
    // The next round is due exactly at the minute's end, and its timer fires first.
    clock.setTimeout(() => minutes.roundStarted(clock.now()), 10_000);
    await clock.advance(1_000);
    minutes.roundDone(first, round(5));
    await clock.advance(9_000);
    assert.deepEqual(emitted.map((s) => s.at), [NOON / 1000], 'written at the end of its minute while the next round waits');
    await clock.advance(30_000);
    minutes.roundDone(NOON + 60_000, round(6));
    assert.equal(emitted.length, 1);
  });

  it('writes nothing for a minute in which no request went out', async () => {
    const { clock, emitted, run } = setup();
    await run(100, { sent: 0, rttsMs: [] });
    await clock.advance(120_000);
    assert.deepEqual(emitted, []);
  });

  it('keeps minutes apart when rounds are more than a minute apart', async () => {
    const { clock, emitted, run } = setup(NOON + 10_000);
    await run(1_000, round(1));
    await clock.advance(299_000);
    await run(1_000, round(2));
    await clock.advance(60_000);
    assert.deepEqual(
      emitted.map((s) => [s.at, s.minMs]),
      [
        [NOON / 1000, 1],
        [NOON / 1000 + 300, 2],
      ],
    );
  });

  it('hands on the part of a minute watched so far when flushed at stop', async () => {
    const { emitted, minutes, run } = setup();
    await run(1_000, round(4, 6));
    minutes.flush();
    assert.deepEqual(emitted, [{ at: NOON / 1000, sent: 2, received: 2, minMs: 4, avgMs: 5, maxMs: 6, jitterMs: 2 }]);
    minutes.flush();
    assert.equal(emitted.length, 1, 'nothing twice');
  });
});
