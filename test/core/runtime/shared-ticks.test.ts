import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Timer } from '../../../src/core/clock.js';
import { SharedTicks } from '../../../src/core/runtime/shared-ticks.js';
import { FakeClock } from '../../support/fake-clock.js';

/** A fake clock that counts the timers set on it. */
class CountingClock extends FakeClock {
  set = 0;
  cleared = 0;
  override setTimeout(fn: () => void, ms: number): Timer {
    this.set++;
    return super.setTimeout(fn, ms);
  }
  override clearTimeout(timer: Timer): void {
    this.cleared++;
    super.clearTimeout(timer);
  }
}

describe('SharedTicks', () => {
  it('runs timers due in the same millisecond from one underlying timer, in the order they were set', async () => {
    const clock = new CountingClock();
    const ticks = new SharedTicks(clock);
    const ran: string[] = [];
    ticks.setTimeout(() => ran.push('a'), 1_000);
    await clock.advance(0.4);
    ticks.setTimeout(() => ran.push('b'), 999.6);
    ticks.setTimeout(() => ran.push('c'), 500);
    assert.equal(clock.set, 2);
    // Due times round up to the millisecond: c at 501 ms, never early.
    await clock.advance(500.5);
    assert.deepEqual(ran, []);
    await clock.advance(0.1);
    assert.deepEqual(ran, ['c']);
    await clock.advance(499);
    assert.deepEqual(ran, ['c', 'a', 'b']);
  });

  it('keeps the others when one is cleared, and drops the underlying timer with the last', async () => {
    const clock = new CountingClock();
    const ticks = new SharedTicks(clock);
    const ran: string[] = [];
    const a = ticks.setTimeout(() => ran.push('a'), 100);
    const b = ticks.setTimeout(() => ran.push('b'), 100);
    ticks.clearTimeout(a);
    assert.equal(clock.cleared, 0);
    ticks.clearTimeout(b);
    assert.equal(clock.cleared, 1);
    ticks.setTimeout(() => ran.push('c'), 100);
    await clock.advance(200);
    assert.deepEqual(ran, ['c']);
  });

  it('gives a timer set while a tick runs a tick of its own, and skips one cleared while it runs', async () => {
    const clock = new CountingClock();
    const ticks = new SharedTicks(clock);
    const ran: string[] = [];
    let later: Timer | null = null;
    ticks.setTimeout(() => {
      ran.push('first');
      if (later) ticks.clearTimeout(later);
      ticks.setTimeout(() => ran.push('again'), 0);
    }, 10);
    later = ticks.setTimeout(() => ran.push('cleared'), 10);
    await clock.advance(10);
    assert.deepEqual(ran, ['first', 'again']);
  });
});
