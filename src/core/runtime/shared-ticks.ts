import type { Clock, Timer } from '../clock.js';

interface Tick {
  readonly due: number;
  timer: Timer | null;
  /** Keyed by the Timer handed out, so clearing one during the tick still keeps it from running. */
  readonly callbacks: Map<Timer, () => void>;
}

/**
 * A clock whose timers due in the same millisecond share one underlying timer, and so one
 * wake-up. Monitors started together plan their rounds for the same instants, but each computes
 * its delay from the moment it runs, a little later for every monitor before it in the round:
 * with a timer each, a thousand targets drifted apart into a wake-up, and a pipe write to the
 * helper, every few targets, and each wake-up costs more than the probes it sends.
 */
export class SharedTicks implements Clock {
  private readonly ticks = new Map<number, Tick>();

  constructor(private readonly clock: Clock) {}

  now(): number {
    return this.clock.now();
  }

  setTimeout(fn: () => void, ms: number): Timer {
    const due = Math.ceil(this.clock.now() + Math.max(0, ms));
    let tick = this.ticks.get(due);
    if (!tick) {
      const created: Tick = { due, timer: null, callbacks: new Map() };
      created.timer = this.clock.setTimeout(() => this.fire(created), due - this.clock.now());
      this.ticks.set(due, created);
      tick = created;
    }
    const timer: Timer = { id: tick };
    tick.callbacks.set(timer, fn);
    return timer;
  }

  clearTimeout(timer: Timer): void {
    const tick = timer.id as Tick;
    if (!tick.callbacks.delete(timer) || tick.callbacks.size > 0 || this.ticks.get(tick.due) !== tick) return;
    this.ticks.delete(tick.due);
    if (tick.timer) this.clock.clearTimeout(tick.timer);
  }

  private fire(tick: Tick): void {
    // Timers set while these run get a tick of their own, even when due in this same millisecond.
    if (this.ticks.get(tick.due) === tick) this.ticks.delete(tick.due);
    for (const fn of tick.callbacks.values()) fn();
    tick.callbacks.clear();
  }
}
