import { setImmediate as turn } from 'node:timers/promises';
import type { Clock, Timer } from '../../src/core/clock.js';

interface Pending {
  due: number;
  seq: number;
  fn: () => void;
}

/** Virtual time: timers fire in order as the test advances the clock, with promises settled between. */
export class FakeClock implements Clock {
  private current: number;
  private seq = 0;
  private pending = new Map<number, Pending>();

  constructor(startMs = Date.UTC(2025, 9, 10, 12, 0, 0)) {
    this.current = startMs;
  }

  now(): number {
    return this.current;
  }

  setTimeout(fn: () => void, ms: number): Timer {
    const id = ++this.seq;
    this.pending.set(id, { due: this.current + Math.max(0, ms), seq: id, fn });
    return { id };
  }

  clearTimeout(timer: Timer): void {
    this.pending.delete(timer.id as number);
  }

  /** Runs every timer due up to `ms` from now, in time order. */
  async advance(ms: number): Promise<void> {
    const until = this.current + ms;
    await settle();
    for (;;) {
      const next = [...this.pending.values()].filter((p) => p.due <= until).sort((a, b) => a.due - b.due || a.seq - b.seq)[0];
      if (!next) break;
      this.pending.delete(next.seq);
      this.current = next.due;
      next.fn();
      await settle();
    }
    this.current = until;
  }
}

async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await turn();
}
