import { sleep, type Clock, type Timer } from '../clock.js';
import type { Logger } from '../log.js';

export interface DeliveryOptions {
  /** Attempts per message before it is dropped. */
  attempts: number;
  firstBackoffMs: number;
  maxBackoffMs: number;
  /** Oldest messages are dropped past this, so a long outage cannot grow the queue without bound. */
  maxQueued: number;
}

export const DELIVERY_DEFAULTS: DeliveryOptions = { attempts: 8, firstBackoffMs: 1000, maxBackoffMs: 60_000, maxQueued: 500 };

/**
 * Sends messages one at a time, in order, behind the caller's back: push() returns at once, so
 * probing never waits on a slow or dead endpoint. A failed send is retried with exponential
 * backoff, which also carries a notice through an outage to the moment the link returns.
 */
export class DeliveryQueue<T> {
  private readonly queue: T[] = [];
  private running: Promise<void> | null = null;
  private closing = false;

  constructor(
    private readonly send: (message: T) => Promise<void>,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly options: DeliveryOptions = DELIVERY_DEFAULTS,
  ) {}

  push(message: T): void {
    this.queue.push(message);
    if (this.queue.length > this.options.maxQueued) {
      this.queue.shift();
      this.log.warn('notification queue full; dropped the oldest message');
    }
    this.running ??= this.drain().finally(() => (this.running = null));
  }

  /** Waits for the queue to empty, for at most `ms`; what is left is dropped. */
  async flush(ms: number): Promise<void> {
    if (!this.running) return;
    let timedOut = false;
    let timer: Timer | null = null;
    const deadline = new Promise<void>((resolve) => {
      timer = this.clock.setTimeout(() => {
        timedOut = true;
        resolve();
      }, ms);
    });
    await Promise.race([this.running, deadline]);
    if (timer) this.clock.clearTimeout(timer);
    if (timedOut) {
      this.closing = true;
      if (this.queue.length) this.log.warn('gave up on undelivered notifications at shutdown', { count: this.queue.length });
      this.queue.length = 0;
    }
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0 && !this.closing) {
      const message = this.queue[0]!;
      await this.deliver(message);
      if (this.queue[0] === message) this.queue.shift();
    }
  }

  private async deliver(message: T): Promise<void> {
    const { attempts, firstBackoffMs, maxBackoffMs } = this.options;
    for (let attempt = 1; attempt <= attempts && !this.closing; attempt++) {
      try {
        await this.send(message);
        return;
      } catch (err) {
        const backoff = Math.min(maxBackoffMs, firstBackoffMs * 2 ** (attempt - 1));
        this.log.warn('notification not delivered; will retry', {
          attempt,
          retryInMs: attempt < attempts ? backoff : undefined,
          error: err instanceof Error ? err.message : String(err),
        });
        if (attempt < attempts) await sleep(this.clock, backoff);
      }
    }
    this.log.error('notification dropped after all retries');
  }
}
