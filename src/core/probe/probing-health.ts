import type { Clock, Timer } from '../clock.js';
import type { Logger } from '../log.js';
import type { HealthEvent } from '../../shared/live-events.js';

/** A health event's detail is bounded by its schema: longer words are cut there, in the status too, so both say the same. */
const MAX_DETAIL = 500;

export interface ProbingHealthDeps {
  clock: Clock;
  log: Logger;
  /** How long after a failure the next try comes. */
  retryMs: number;
  publish: (event: HealthEvent) => void;
}

/**
 * Whether probes can be made, for a runtime that keeps running when they cannot (the desktop
 * app): the words of the last failure, a 'health' event each time that changes, and one retry
 * timer. The daemon never needs it: it fails to start instead.
 */
export class ProbingHealth {
  private trouble: string | null = null;
  private timer: Timer | null = null;

  constructor(private readonly deps: ProbingHealthDeps) {}

  /** Why probes cannot be made, in the user's words; null while nothing is wrong. */
  get problem(): string | null {
    return this.trouble;
  }

  /** No way of probing works: says so when it is news, and calls `retry` after a while. */
  failed(why: string, retry: () => void): void {
    this.cancelRetry();
    const detail = bounded(why);
    if (detail !== this.trouble) {
      this.deps.log.warn('cannot probe; trying again later', { detail, retry_in_ms: this.deps.retryMs });
      this.publish(false, detail);
    }
    this.trouble = detail;
    this.timer = this.deps.clock.setTimeout(() => {
      this.timer = null;
      retry();
    }, this.deps.retryMs);
  }

  /** Probes can be made (or none is needed any more): said when it was otherwise before. */
  working(description: string): void {
    this.cancelRetry();
    if (this.trouble === null) return;
    this.trouble = null;
    this.deps.log.info(`probing again: ${description}`);
    this.publish(true, bounded(description));
  }

  cancelRetry(): void {
    if (this.timer) this.deps.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  private publish(probing: boolean, detail: string): void {
    this.deps.publish({ type: 'health', at: Math.floor(this.deps.clock.now() / 1000), probing, detail });
  }
}

function bounded(text: string): string {
  return text.length <= MAX_DETAIL ? text : `${text.slice(0, MAX_DETAIL - 1)}…`;
}
