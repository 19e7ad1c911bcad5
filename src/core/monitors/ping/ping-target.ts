import type { PingConfig, TargetConfig } from '../../../shared/config-schema.js';
import type { Clock, Timer } from '../../clock.js';
import type { Logger } from '../../log.js';
import type { Prober } from '../../probe/prober.js';
import type { Sample } from '../../store/samples-record.js';
import { MinuteAggregator } from './minute-aggregator.js';
import { pingRound, roundPlan, type RoundPlan } from './ping-round.js';
import { roundResult, type RoundResult } from './ping-stats.js';

/** A name that does not resolve is asked again this often (or every interval, if longer). */
const RESOLVE_RETRY_MS = 30_000;

export type ResolveHost = (host: string) => Promise<string>;

export interface PingTargetOptions {
  target: TargetConfig;
  config: Pick<PingConfig, 'interval' | 'pingcount' | 'pingwait'>;
  prober: Prober;
  clock: Clock;
  log: Logger;
  /** Turns a host name into an address; rejects, with a message to log, when it cannot. */
  resolve: ResolveHost;
  /** Each round in which at least one request went out. */
  onRound: (address: string, round: RoundResult) => void;
  /** Each minute once it is over, and the part of the minute being watched at stop. */
  onMinute: (address: string, sample: Sample) => void;
}

/**
 * Pings one target: resolves its name once, then every `interval` seconds sends a round of
 * `pingcount` requests, reports the round, and adds it to the minute it started in. Rounds keep
 * to a fixed grid; one that outlasts the interval is followed at once.
 */
export class PingTarget {
  private readonly plan: RoundPlan;
  private readonly intervalMs: number;
  private readonly minutes: MinuteAggregator;
  private address: string | null = null;
  private stopping = false;
  private sleeper: { timer: Timer; wake: () => void } | null = null;
  private running: Promise<void> = Promise.resolve();
  private unsentRounds = 0;

  constructor(private readonly o: PingTargetOptions) {
    this.plan = roundPlan(o.config.interval, o.config.pingcount, o.config.pingwait);
    this.intervalMs = o.config.interval * 1000;
    // Rounds, and so minutes, only begin once the address is known.
    this.minutes = new MinuteAggregator(o.clock, (sample) => o.onMinute(this.address ?? o.target.address, sample));
  }

  start(): void {
    this.running = this.run().catch((err: unknown) =>
      this.o.log.error('pinging stopped', { target: this.o.target.name, error: err instanceof Error ? err.message : String(err) }),
    );
  }

  /** Waits for the round in flight (at most its spread and one pingwait), then hands on the minute so far. */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.sleeper) {
      this.o.clock.clearTimeout(this.sleeper.timer);
      this.sleeper.wake();
    }
    await this.running;
    this.minutes.flush();
  }

  private async run(): Promise<void> {
    const address = await this.resolveAddress();
    if (address === null) return;
    this.address = address;
    let due = this.o.clock.now();
    while (!this.stopping) {
      const startedAt = this.o.clock.now();
      this.minutes.roundStarted(startedAt);
      const round = roundResult(await pingRound(this.o.prober, this.o.clock, address, this.plan));
      this.minutes.roundDone(startedAt, round);
      this.report(address, round);
      due = Math.max(due + this.intervalMs, this.o.clock.now());
      await this.pause(due - this.o.clock.now());
    }
  }

  private report(address: string, round: RoundResult): void {
    const { log, target } = this.o;
    if (round.sent > 0) {
      if (this.unsentRounds > 0) log.info(`requests go out again after ${this.unsentRounds} round(s) that could not send`, { target: target.name });
      this.unsentRounds = 0;
      this.o.onRound(address, round);
      return;
    }
    // The prober could not send (its helper restarting): nothing was measured, so nothing is reported.
    if (this.unsentRounds === 0) log.warn('no request of this round could be sent', { target: target.name, address });
    this.unsentRounds++;
  }

  /** The target's address, resolved once; a name that does not resolve now is asked again until it does or the service stops. */
  private async resolveAddress(): Promise<string | null> {
    const { target, log } = this.o;
    let failures = 0;
    while (!this.stopping) {
      try {
        const address = await this.o.resolve(target.address);
        if (address !== target.address || failures > 0) log.info(`${target.address} is ${address}`, { target: target.name });
        return address;
      } catch (err) {
        const retryMs = Math.max(RESOLVE_RETRY_MS, this.intervalMs);
        if (failures === 0) {
          log.warn(`${err instanceof Error ? err.message : String(err)}; trying again every ${retryMs / 1000}s`, { target: target.name });
        }
        failures++;
        await this.pause(retryMs);
      }
    }
    return null;
  }

  /** A wait that stop() cuts short. */
  private pause(ms: number): Promise<void> {
    if (this.stopping) return Promise.resolve();
    return new Promise((resolve) => {
      const wake = (): void => {
        this.sleeper = null;
        resolve();
      };
      this.sleeper = { timer: this.o.clock.setTimeout(wake, ms), wake };
    });
  }
}
