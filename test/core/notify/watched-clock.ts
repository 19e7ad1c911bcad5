import { setTimeout as sleep } from 'node:timers/promises';
import type { Clock, Timer } from '../../../src/core/clock.js';
import { FakeClock } from '../../support/fake-clock.js';

/**
 * The fake clock, for a queue whose sends are real HTTP requests: virtual time only moves when the
 * test says, but a request takes real time, so asleep() waits until the queue is back waiting
 * on a timer before the test moves time on.
 */
export class WatchedClock implements Clock {
  private readonly fake: FakeClock;
  private readonly live = new Set<Timer>();

  constructor(startMs?: number) {
    this.fake = new FakeClock(startMs);
  }

  now(): number {
    return this.fake.now();
  }

  setTimeout(fn: () => void, ms: number): Timer {
    const timer = this.fake.setTimeout(() => {
      this.live.delete(timer);
      fn();
    }, ms);
    this.live.add(timer);
    return timer;
  }

  clearTimeout(timer: Timer): void {
    this.live.delete(timer);
    this.fake.clearTimeout(timer);
  }

  advance(ms: number): Promise<void> {
    return this.fake.advance(ms);
  }

  get pending(): number {
    return this.live.size;
  }

  /** Waits, in real time, until `count` timers are pending: that many queues are waiting to retry. */
  async asleep(count = 1, ms = 5_000): Promise<void> {
    const deadline = performance.now() + ms;
    while (this.live.size < count) {
      if (performance.now() > deadline) throw new Error('the queue never went back to sleep');
      await sleep(2);
    }
  }
}
