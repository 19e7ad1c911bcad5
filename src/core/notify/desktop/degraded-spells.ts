import type { Clock, Timer } from '../../clock.js';
import type { Notice } from '../notifier.js';

type DegradedEnd = Extract<Notice, { kind: 'degraded-end' }>;

/** Long enough for the outage that ended a degraded period to be heard of: the engine tells the period's end just before the down. */
const MIN_HOLD_MS = 1_000;

/**
 * Keeps a line whose quality comes and goes from giving a toast a minute. A degraded period's
 * end is held for `coalesceS` (at least a second): a new degraded period of the target in that
 * time continues the spell, told by neither toast; an outage means the period ended by going
 * down, which the outage's own toast tells. Only a target that stayed well for the whole hold
 * is told to work normally again, for the whole spell.
 */
export class DegradedSpells {
  private readonly held = new Map<string, { timer: Timer; end: DegradedEnd }>();
  /** Where each target's spell began, while one is open or its end is held. */
  private readonly since = new Map<string, number>();

  constructor(
    private readonly clock: Clock,
    private readonly onEnd: (notice: DegradedEnd) => void,
  ) {}

  /** Whether a degraded period that began is news: not when it continues a spell. */
  began(target: string, at: number): boolean {
    if (this.cancel(target)) return false;
    this.since.set(target, at);
    return true;
  }

  ended(notice: DegradedEnd, coalesceS: number): void {
    this.cancel(notice.target);
    const end = { ...notice, since: this.since.get(notice.target) ?? notice.since };
    const timer = this.clock.setTimeout(() => {
      this.held.delete(notice.target);
      this.since.delete(notice.target);
      this.onEnd(end);
    }, Math.max(MIN_HOLD_MS, coalesceS * 1000));
    this.held.set(notice.target, { timer, end });
  }

  /** The target went down: its degraded spell ended in an outage, and is not told as over. */
  wentDown(target: string): void {
    this.cancel(target);
    this.since.delete(target);
  }

  clear(): void {
    for (const { timer } of this.held.values()) this.clock.clearTimeout(timer);
    this.held.clear();
    this.since.clear();
  }

  private cancel(target: string): boolean {
    const held = this.held.get(target);
    if (!held) return false;
    this.clock.clearTimeout(held.timer);
    this.held.delete(target);
    return true;
  }
}
