import type { Clock, Timer } from '../../clock.js';
import type { Outage } from './outage-book.js';

interface Window {
  readonly timer: Timer;
  readonly seconds: number;
  /** The outage told at once when the window opened; null in a window that follows a summary. */
  readonly told: Outage | null;
  /** What happened since, oldest first: told in one summary when the window closes. */
  readonly held: Set<Outage>;
}

/**
 * Keeps a flapping link from giving a storm of toasts. A target's first outage is told at once
 * and opens a window of `coalesceS` seconds; its end is told at once too, if no other outage
 * began first. Whatever else happens to the target in the window is held, and told in one
 * summary when it closes. A summary opens a new window (the link is still flapping), in which
 * everything is held; a window that closes with nothing held ends the burst.
 */
export class BurstWindows {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly clock: Clock,
    /** A window closed: all its outages of one target, and those of them held (not told at all, or their end not told), oldest first. */
    private readonly onSummary: (outages: Outage[], held: Outage[]) => void,
  ) {}

  /** Whether the outage that just began is to be told now; if not, the window holds it. */
  began(outage: Outage, coalesceS: number): boolean {
    if (coalesceS === 0) return true;
    const window = this.windows.get(outage.target);
    if (!window) {
      this.open(outage.target, coalesceS, outage);
      return true;
    }
    window.held.add(outage);
    return false;
  }

  /** Whether the outage that just ended is to be told now; if not, the window holds it. */
  ended(outage: Outage): boolean {
    const window = this.windows.get(outage.target);
    if (!window || (window.told === outage && window.held.size === 0)) return true;
    window.held.add(outage);
    return false;
  }

  /** Forgets every window and what it held (the quiet hours' summary told it, or notices were turned off). */
  clear(): void {
    for (const window of this.windows.values()) this.clock.clearTimeout(window.timer);
    this.windows.clear();
  }

  private open(target: string, seconds: number, told: Outage | null): void {
    const timer = this.clock.setTimeout(() => this.close(target), seconds * 1000);
    this.windows.set(target, { timer, seconds, told, held: new Set() });
  }

  private close(target: string): void {
    const window = this.windows.get(target);
    if (!window) return;
    this.windows.delete(target);
    if (window.held.size === 0) return;
    const byStart = (a: Outage, b: Outage) => a.start - b.start;
    const held = [...window.held].sort(byStart);
    this.open(target, window.seconds, null);
    this.onSummary([...new Set([...(window.told ? [window.told] : []), ...held])].sort(byStart), held);
  }
}
