import type { Clock, Timer } from '../../clock.js';
import type { Sample } from '../../store/samples-record.js';
import { MinuteTotals, type RoundResult } from './ping-stats.js';

const MINUTE_MS = 60_000;

function minuteStartMs(ms: number): number {
  return Math.floor(ms / MINUTE_MS) * MINUTE_MS;
}

/**
 * Adds up one target's rounds by the UTC minute each round started in, and hands a minute on
 * as soon as no round can add to it any more: at the minute's end, or, when a round that
 * started in it is still waiting for replies then, as that round completes. Rounds of one
 * target run one after another (roundStarted, roundDone, roundStarted…), so a round done after
 * its minute ended is that minute's last. Only the minute in memory is lost to a crash.
 */
export class MinuteAggregator {
  private totals: MinuteTotals | null = null;
  private minute = 0;
  private inFlightSince: number | null = null;
  private timer: Timer | null = null;

  constructor(
    private readonly clock: Clock,
    private readonly emit: (sample: Sample) => void,
  ) {}

  roundStarted(atMs: number): void {
    this.inFlightSince = atMs;
  }

  roundDone(startedAtMs: number, round: RoundResult): void {
    this.inFlightSince = null;
    const minute = minuteStartMs(startedAtMs);
    if (this.totals !== null && this.minute !== minute) this.flush();
    if (this.totals === null) {
      this.totals = new MinuteTotals();
      this.minute = minute;
    }
    this.totals.add(round);
    const left = minute + MINUTE_MS - this.clock.now();
    if (left <= 0) this.flush();
    else this.timer ??= this.clock.setTimeout(() => this.onMinuteEnd(), left);
  }

  /** Hands on the minute in memory, complete or not (at stop: the part of it that was watched). */
  flush(): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
    const totals = this.totals;
    this.totals = null;
    if (totals !== null && totals.sent > 0) this.emit(totals.sample(this.minute / 1000));
  }

  private onMinuteEnd(): void {
    this.timer = null;
    if (this.inFlightSince !== null && minuteStartMs(this.inFlightSince) === this.minute) return;
    this.flush();
  }
}
