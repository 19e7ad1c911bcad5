import { randomUUID } from 'node:crypto';
import type { Clock, Timer } from '../clock.js';
import type { Logger } from '../log.js';
import type { Zone } from '../time/zone.js';
import { switchedOver } from './failover-text.js';
import { failureCode } from './http-post.js';
import type { Notice } from './notifier.js';
import { foldStaleOutages } from './stale-outage.js';

export interface DeliveryOptions {
  /** Failed attempts retried quickly (exponential backoff) before the queue parks. */
  quickRetries: number;
  firstBackoffMs: number;
  /** While parked, one attempt this often; a sign that the link is back (linkBack) or a flush tries at once. */
  parkedRetryMs: number;
  /** Only the newest are kept past this; the dropped are counted in the next message sent. */
  maxQueued: number;
  /** A notice sent this long after it was queued is marked late. */
  lateAfterMs: number;
  /** See stale-outage.ts: on for channels people read, off for those programs read. */
  foldStaleOutages: boolean;
}

export const DELIVERY_DEFAULTS: DeliveryOptions = {
  quickRetries: 6,
  firstBackoffMs: 1000,
  parkedRetryMs: 60_000,
  maxQueued: 100,
  lateAfterMs: 60_000,
  foldStaleOutages: true,
};

/** How a channel is built besides its address: the zone its texts give times in, and queue tuning. */
export interface ChannelOptions {
  zone?: Zone;
  delivery?: Partial<DeliveryOptions>;
}

/** One notice on its way to a channel, with what the channel's message should say about its journey. */
export interface Delivery {
  /** The same on every attempt, so a receiver can drop a duplicate (a timed-out request may have arrived). */
  id: string;
  notice: Notice;
  /** Notices this one stands for (a stale DOWN and its cause folded into their UP), oldest first. */
  folded: readonly Notice[];
  /** Unix ms. */
  queuedAt: number;
  sentAt: number;
  late: boolean;
  /** Notices dropped, the queue being full, since the last one delivered. */
  dropped: number;
}

interface Queued {
  readonly id: string;
  readonly notice: Notice;
  readonly folded: readonly Notice[];
  readonly queuedAt: number;
}

/**
 * Sends one channel's notices one at a time, in order, behind the caller's back: push() returns at
 * once, so probing never waits on a slow or dead endpoint. A failed send is retried quickly with
 * exponential backoff, then the queue parks and tries at a slow cadence for as long as it takes —
 * an outage of hours loses nothing — and at once when an UP notice, or a failover to a link that
 * works, says that the link is back. Only a full queue (newest kept) or shutdown drops a notice.
 */
export class DeliveryQueue {
  private items: Queued[] = [];
  private readonly options: DeliveryOptions;
  private inFlight: Queued | null = null;
  private dropped = 0;
  private overflowing = false;
  private failures = 0;
  private draining = false;
  private running: Promise<void> = Promise.resolve();
  private pause: { timer: Timer; resume: () => void } | null = null;
  private closed = false;
  private readonly abort = new AbortController();

  constructor(
    private readonly channel: string,
    private readonly send: (delivery: Delivery, signal: AbortSignal) => Promise<void>,
    private readonly clock: Clock,
    private readonly log: Logger,
    options: Partial<DeliveryOptions> = {},
  ) {
    this.options = { ...DELIVERY_DEFAULTS, ...options };
  }

  push(notice: Notice): void {
    if (this.closed) return;
    this.items.push({ id: randomUUID(), notice, folded: [], queuedAt: this.clock.now() });
    this.fold();
    this.trim();
    if (linkBack(notice)) this.retryNow();
    if (!this.draining) {
      this.draining = true;
      this.running = this.drain();
    }
  }

  /** Tries at once what is queued, then keeps trying for at most `ms`; what is left is dropped. */
  async flush(ms: number): Promise<void> {
    if (!this.draining) return;
    this.retryNow();
    let timer: Timer | null = null;
    const deadline = new Promise<'late'>((resolve) => (timer = this.clock.setTimeout(() => resolve('late'), ms)));
    const outcome = await Promise.race([this.running, deadline]);
    if (timer) this.clock.clearTimeout(timer);
    if (outcome === 'late') this.close();
  }

  private async drain(): Promise<void> {
    // Begins after the caller's turn: a send (and fetch's own set-up) never runs on the engine's stack.
    await Promise.resolve();
    try {
      while (!this.closed) {
        this.fold();
        const item = this.items[0];
        if (!item) return;
        if (await this.attempt(item)) continue;
        if (this.closed) return;
        await this.wait(this.backoffMs());
      }
    } finally {
      this.draining = false;
    }
  }

  private async attempt(item: Queued): Promise<boolean> {
    const now = this.clock.now();
    const dropped = this.dropped;
    this.inFlight = item;
    try {
      await this.send({ ...item, sentAt: now, late: now - item.queuedAt >= this.options.lateAfterMs, dropped }, this.abort.signal);
    } catch (err) {
      if (!this.closed) this.failed(failureCode(err));
      return false;
    } finally {
      this.inFlight = null;
    }
    this.items = this.items.filter((queued) => queued !== item);
    this.dropped -= dropped;
    this.overflowing = false;
    if (this.failures > this.options.quickRetries) this.log.info('notifications delivered again', { channel: this.channel, queued: this.items.length });
    this.failures = 0;
    return true;
  }

  private failed(error: string): void {
    this.failures++;
    const { quickRetries, parkedRetryMs } = this.options;
    const fields = { channel: this.channel, error, queued: this.items.length };
    if (this.failures <= quickRetries) {
      this.log.warn('notification not delivered; will retry', { ...fields, attempt: this.failures, retryInMs: this.backoffMs() });
    } else if (this.failures === quickRetries + 1) {
      this.log.warn('notifications parked until the endpoint answers', { ...fields, retryEveryMs: parkedRetryMs });
    } else {
      this.log.debug('parked notifications still not delivered', fields);
    }
  }

  private backoffMs(): number {
    const { quickRetries, firstBackoffMs, parkedRetryMs } = this.options;
    if (this.failures > quickRetries) return parkedRetryMs;
    return Math.min(parkedRetryMs, firstBackoffMs * 2 ** (this.failures - 1));
  }

  private wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = this.clock.setTimeout(() => {
        this.pause = null;
        resolve();
      }, ms);
      this.pause = { timer, resume: resolve };
    });
  }

  /** Ends a backoff early; the failure count restarts so that quick retries follow. */
  private retryNow(): void {
    this.failures = 0;
    if (!this.pause) return;
    this.clock.clearTimeout(this.pause.timer);
    const { resume } = this.pause;
    this.pause = null;
    resume();
  }

  private fold(): void {
    if (this.options.foldStaleOutages) this.items = foldStaleOutages(this.items, this.inFlight);
  }

  private trim(): void {
    while (this.items.length > this.options.maxQueued) {
      const victim = this.items[0] === this.inFlight ? 1 : 0;
      const [gone] = this.items.splice(victim, 1);
      this.dropped += 1 + (gone?.folded.length ?? 0);
      if (!this.overflowing) this.log.warn('notification queue full; dropping the oldest', { channel: this.channel, kept: this.options.maxQueued });
      this.overflowing = true;
    }
  }

  private close(): void {
    this.closed = true;
    const left = this.items.length;
    if (left > 0) this.log.warn('gave up on undelivered notifications at shutdown', { channel: this.channel, count: left });
    this.items = [];
    this.abort.abort();
    this.retryNow();
  }
}

/** A target answers again, or traffic moved to a link that works: what kept the endpoint out of reach is likely gone. */
function linkBack(notice: Notice): boolean {
  return notice.kind === 'up' || (notice.kind === 'failover' && switchedOver(notice));
}
