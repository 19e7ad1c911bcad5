import { sleep, type Clock, type Timer } from '../clock.js';
import type { Logger } from '../log.js';
import type { ProbeResult, Prober } from '../probe/prober.js';
import { gatherStartEvidence, probeAddping, type EvidenceSources } from './outage-evidence.js';
import type { MonitorEvent, OutageBounds } from '../../shared/events.js';
import type { UpdownOptions } from './updown-options.js';

export interface UpdownTarget {
  name: string;
  address: string;
}

export interface UpdownDeps {
  target: UpdownTarget;
  options: UpdownOptions;
  prober: Prober;
  clock: Clock;
  emit: (event: MonitorEvent) => void;
  evidence: Omit<EvidenceSources, 'prober' | 'timeoutMs'>;
  log: Logger;
  /** Each interval's check as it comes back, for the live chart: its round trip, null when unanswered. Not an event: it is not part of the record. */
  onCheck?: (sentMs: number, rttMs: number | null) => void;
}

type State = 'starting' | 'up' | 'suspect' | 'down';

interface OpenOutage {
  /** The DOWN record's time: the first failed probe, backdated, in whole seconds. */
  start: number;
  bounds: OutageBounds;
}

/** A suspicion fires after 4 smoothed round trips, never sooner than this, never later than pingwait. */
const MIN_SUSPECT_MS = 250;

/**
 * imon's updown monitor, improved. Every `interval` one check (pingcount probes) goes out. A
 * failed check only raises a suspicion: `confirm` quick re-probes follow, and DOWN is declared
 * when all of them fail too, backdated to the first failed probe, so a lost packet is never an
 * outage and a real one is known within a couple of seconds. UP needs a success. An ICMP error
 * from a router and our own link failing are failures, never successes, and never crash it.
 */
export class UpdownMonitor {
  private state: State = 'starting';
  private suspectFrom: 'starting' | 'up' = 'starting';
  /** Bumped on every state change: results of probes sent before it are stale. */
  private epoch = 0;
  private timer: Timer | null = null;
  private nextTickMs = 0;
  private stopped = false;
  private smoothedRttMs: number | null = null;
  private lastSuccessMs: number | null = null;
  private outage: OpenOutage | null = null;
  /** Checks and reports still running, which stop() waits for; counted, not kept, as one starts every interval. */
  private running = 0;
  private wakeStop: (() => void) | null = null;
  private readonly onTick = (): void => this.tick();
  private readonly done = (): void => {
    if (--this.running > 0 || !this.wakeStop) return;
    const wake = this.wakeStop;
    this.wakeStop = null;
    wake();
  };
  private readonly failed = (err: unknown): never => {
    this.done();
    throw err;
  };

  constructor(private readonly deps: UpdownDeps) {}

  /** What is known now: a suspicion is not news until it is confirmed. */
  get status(): 'starting' | 'up' | 'down' {
    return this.state === 'suspect' ? this.suspectFrom : this.state;
  }

  /**
   * Probes first at `firstAtMs`, then every interval after it. Monitors started together are
   * given the same instant, so their rounds fall due in the same millisecond and share one
   * wake-up (see SharedTicks).
   */
  start(firstAtMs = this.deps.clock.now()): void {
    this.nextTickMs = firstAtMs;
    const delayMs = firstAtMs - this.deps.clock.now();
    if (delayMs > 0) this.timer = this.deps.clock.setTimeout(this.onTick, delayMs);
    else this.tick();
  }

  /** Stops probing and waits for probes in flight; returns the open outage's start, if any. */
  async stop(): Promise<number | null> {
    this.stopped = true;
    if (this.timer) this.deps.clock.clearTimeout(this.timer);
    while (this.running > 0) await new Promise<void>((resolve) => (this.wakeStop = resolve));
    return this.outage?.start ?? null;
  }

  private tick(): void {
    if (this.stopped) return;
    const { clock, options } = this.deps;
    // Scheduled from the planned time, not from "now", so rounds do not drift.
    this.nextTickMs += options.interval * 1000;
    this.timer = clock.setTimeout(this.onTick, Math.max(0, this.nextTickMs - clock.now()));
    if (this.state !== 'suspect') this.track(this.check());
  }

  private track(work: Promise<unknown>): void {
    this.running++;
    void work.then(this.done, this.failed);
  }

  private async check(): Promise<void> {
    const epoch = this.epoch;
    const sentMs = this.deps.clock.now();
    const timeoutMs = this.state === 'down' ? this.deps.options.pingwait * 1000 : this.suspectTimeoutMs();
    const result = this.observe(await this.probeOnce(timeoutMs));
    if (this.stopped) return;
    if (result.ok || result.reason !== 'error') this.deps.onCheck?.(sentMs, result.ok ? result.rttMs : null);
    if (epoch !== this.epoch) return;
    if (result.ok) return this.onSuccess(sentMs);
    if (result.reason === 'error') {
      this.deps.log.warn('probe could not be made; no evidence either way', { target: this.deps.target.name, detail: result.detail });
      return;
    }
    if (this.state === 'down') {
      if (this.outage) this.outage.bounds.last_failure = sentMs;
      return;
    }
    await this.confirm(sentMs, result);
  }

  /** pingcount probes at once; the check succeeds when any is answered. */
  private probeOnce(timeoutMs: number): Promise<ProbeResult> {
    const { prober, target, options } = this.deps;
    // One probe, the default, is passed through as it is: this runs for every target every interval.
    if (options.pingcount === 1) return prober.probe(target.address, timeoutMs);
    return Promise.all(Array.from({ length: options.pingcount }, () => prober.probe(target.address, timeoutMs))).then(bestOf);
  }

  /** Every result of probeOnce passes here: successes keep the round-trip estimate current. */
  private observe(result: ProbeResult): ProbeResult {
    if (result.ok) this.smoothedRttMs = this.smoothedRttMs === null ? result.rttMs : 0.875 * this.smoothedRttMs + 0.125 * result.rttMs;
    return result;
  }

  private suspectTimeoutMs(): number {
    const pingwaitMs = this.deps.options.pingwait * 1000;
    if (this.smoothedRttMs === null) return pingwaitMs;
    return Math.min(pingwaitMs, Math.max(MIN_SUSPECT_MS, 4 * this.smoothedRttMs));
  }

  private onSuccess(sentMs: number): void {
    const wasStarting = this.state === 'starting';
    const wasDown = this.state === 'down';
    this.lastSuccessMs = sentMs;
    if (!wasStarting && !wasDown) return;
    this.state = 'up';
    this.epoch++;
    const at = Math.floor(sentMs / 1000);
    this.deps.emit({ type: 'transition', target: this.deps.target.name, status: 'UP', at, initial: wasStarting });
    if (wasDown && this.outage) {
      const outage = this.outage;
      this.outage = null;
      outage.bounds.first_success_after = sentMs;
      this.track(this.reportEnd(outage, at));
    }
  }

  /** Quick re-probes; all must fail for DOWN. Any success ends the suspicion at once. */
  private async confirm(firstFailureMs: number, firstFailure: ProbeResult): Promise<void> {
    const { clock, options } = this.deps;
    const before = this.state === 'starting' ? 'starting' : 'up';
    this.suspectFrom = before;
    this.state = 'suspect';
    const epoch = ++this.epoch;
    const pingwaitMs = options.pingwait * 1000;
    const reprobes = Array.from({ length: options.confirm }, (_, i) =>
      sleep(clock, i * options.confirmSpacing * 1000).then(async () => {
        const sentMs = clock.now();
        return { sentMs, result: this.observe(await this.probeOnce(pingwaitMs)) };
      }),
    );
    const refuted = await firstSuccess(reprobes);
    if (this.stopped || epoch !== this.epoch) return;
    if (refuted) {
      this.state = before;
      if (before === 'starting') this.onSuccess(refuted.sentMs);
      return;
    }
    const settled = await Promise.all(reprobes);
    if (settled.every((r) => !r.result.ok && r.result.reason === 'error')) {
      this.state = before;
      return;
    }
    this.declareDown(firstFailureMs, firstFailure, Math.max(...settled.map((r) => r.sentMs)), before === 'starting');
  }

  private declareDown(firstFailureMs: number, firstFailure: ProbeResult, lastFailureMs: number, initial: boolean): void {
    this.state = 'down';
    this.epoch++;
    const start = Math.floor(firstFailureMs / 1000);
    this.outage = {
      start,
      bounds: { last_success_before: this.lastSuccessMs, first_failure: firstFailureMs, last_failure: lastFailureMs, first_success_after: null },
    };
    const { target, emit } = this.deps;
    emit({ type: 'transition', target: target.name, status: 'DOWN', at: start, initial });
    this.track(this.reportStart(start, firstFailure));
  }

  private async reportStart(start: number, firstFailure: ProbeResult): Promise<void> {
    const { target, emit } = this.deps;
    const { cause, evidence } = await gatherStartEvidence(target.address, firstFailure, this.evidenceSources());
    emit({ type: 'outage-start', target: target.name, start, cause, evidence });
  }

  private async reportEnd(outage: OpenOutage, end: number): Promise<void> {
    const addping = await probeAddping(this.evidenceSources());
    this.deps.emit({ type: 'outage-end', target: this.deps.target.name, start: outage.start, end, bounds: outage.bounds, addping });
  }

  private evidenceSources(): EvidenceSources {
    return { ...this.deps.evidence, prober: this.deps.prober, timeoutMs: this.deps.options.pingwait * 1000 };
  }
}

/** A success if there is one, else the failure that says most about where the path broke. */
function bestOf(results: ProbeResult[]): ProbeResult {
  return results.find((r) => r.ok) ?? mostTelling(results);
}

/** Of several failures, the one that says most about where the path broke. */
function mostTelling(results: ProbeResult[]): ProbeResult {
  const rank = (r: ProbeResult) => (r.ok ? 0 : { local: 4, unreachable: 3, timeout: 2, error: 1 }[r.reason]);
  return results.reduce((best, r) => (rank(r) > rank(best) ? r : best));
}

interface Reprobe {
  sentMs: number;
  result: ProbeResult;
}

/** The first re-probe that succeeds, or null once all have failed. */
function firstSuccess(reprobes: Promise<Reprobe>[]): Promise<Reprobe | null> {
  return new Promise((resolve) => {
    let pending = reprobes.length;
    if (pending === 0) resolve(null);
    for (const p of reprobes) {
      void p.then((r) => {
        if (r.result.ok) resolve(r);
        else if (--pending === 0) resolve(null);
      });
    }
  });
}
