import type { MonitorEvent } from '../../shared/events.js';
import type { Clock, Timer } from '../clock.js';
import type { Logger } from '../log.js';
import type { EvidenceSources } from '../monitors/outage-evidence.js';
import { UpdownMonitor, type UpdownTarget } from '../monitors/updown-monitor.js';
import type { UpdownOptions } from '../monitors/updown-options.js';
import type { Prober } from '../probe/prober.js';
import type { Notice, Notifier } from '../notify/notifier.js';
import { Status } from '../store/transition-record.js';
import { SharedTicks } from './shared-ticks.js';
import { TargetStore } from './target-store.js';

export interface EngineDeps {
  dataDir: string;
  targets: UpdownTarget[];
  options: UpdownOptions;
  prober: Prober;
  clock: Clock;
  log: Logger;
  notifiers: Notifier[];
  evidence: Omit<EvidenceSources, 'prober' | 'timeoutMs'>;
  /** How often the heartbeat is touched: the most a crash can blur the record. */
  heartbeatMs?: number;
  /** Everything the monitors report, for live views. */
  onEvent?: (event: MonitorEvent) => void;
}

interface Watched {
  target: UpdownTarget;
  store: TargetStore;
  monitor: UpdownMonitor;
  last: { status: 'UP' | 'DOWN'; at: number } | null;
}

const NOTIFIER_FLUSH_MS = 5_000;

/**
 * Runs one updown monitor per target and turns what they report into the record (transition
 * log, journal), notices and live events. Monitors never touch files or send anything.
 */
export class Engine {
  private readonly watched: Watched[];
  private heartbeat: Timer | null = null;

  constructor(private readonly deps: EngineDeps) {
    const clock = new SharedTicks(deps.clock);
    this.watched = deps.targets.map((target) => ({
      target,
      store: new TargetStore(deps.dataDir, target.name, target.address),
      monitor: new UpdownMonitor({
        target,
        options: deps.options,
        prober: deps.prober,
        clock,
        emit: (event) => this.onMonitorEvent(event),
        evidence: deps.evidence,
        log: deps.log.child(target.name),
      }),
      last: null,
    }));
  }

  /** Opens a session for every target (closing a crashed one first) and starts probing. */
  start(): void {
    const now = this.nowSeconds();
    for (const w of this.watched) {
      const recovered = w.store.openSession(now);
      if (recovered !== null) {
        this.deps.log.warn('the last session ended without a clean stop; closed it at the last heartbeat', {
          target: w.target.name,
          stoppedAt: new Date(recovered * 1000).toISOString(),
        });
      }
      this.notify({ kind: 'started', target: w.target.name, address: w.target.address, at: now });
    }
    const first = this.deps.clock.now();
    for (const w of this.watched) w.monitor.start(first);
    this.scheduleHeartbeat();
  }

  /** Stops probing, then closes every session with STOPPED, then gives notices a moment to go out. */
  async stop(): Promise<void> {
    if (this.heartbeat) this.deps.clock.clearTimeout(this.heartbeat);
    await Promise.all(this.watched.map((w) => w.monitor.stop()));
    const now = this.nowSeconds();
    for (const w of this.watched) {
      try {
        w.store.closeSession(now);
      } catch (err) {
        this.deps.log.error('could not write STOPPED', { target: w.target.name, error: err instanceof Error ? err.message : String(err) });
      }
      this.notify({ kind: 'stopped', target: w.target.name, address: w.target.address, at: now });
    }
    await Promise.all(this.deps.notifiers.map((n) => n.flush(NOTIFIER_FLUSH_MS)));
  }

  status(): Array<{ name: string; address: string; status: 'starting' | 'up' | 'down'; since: number | null }> {
    return this.watched.map((w) => ({ name: w.target.name, address: w.target.address, status: w.monitor.status, since: w.last?.at ?? null }));
  }

  private onMonitorEvent(event: MonitorEvent): void {
    const w = this.watched.find((x) => x.target.name === event.target);
    if (!w) return;
    const now = this.nowSeconds();
    try {
      if (event.type === 'transition') this.onTransition(w, event.status, event.at);
      else w.store.note(event, now);
    } catch (err) {
      this.deps.log.error('could not write the record', { target: w.target.name, error: err instanceof Error ? err.message : String(err) });
    }
    if (event.type === 'outage-start') {
      this.deps.log.info('outage cause', { target: w.target.name, cause: event.cause });
      this.notify({ kind: 'cause', target: w.target.name, address: w.target.address, at: event.start, cause: event.cause });
    }
    this.deps.onEvent?.(event);
  }

  private onTransition(w: Watched, status: 'UP' | 'DOWN', at: number): void {
    w.store.record(at, status === 'UP' ? Status.UP : Status.DOWN);
    const previous = w.last;
    w.last = { status, at };
    const lasted = previous && previous.status !== status ? at - previous.at : null;
    const { name, address } = w.target;
    this.deps.log.info(`${status === 'UP' ? 'reachable' : 'UNREACHABLE'}`, {
      target: name,
      address,
      at: new Date(at * 1000).toISOString(),
      after: lasted === null ? undefined : `${lasted}s`,
    });
    this.notify(
      status === 'UP'
        ? { kind: 'up', target: name, address, at, downForSeconds: lasted }
        : { kind: 'down', target: name, address, at, upForSeconds: lasted },
    );
  }

  private notify(notice: Notice): void {
    for (const n of this.deps.notifiers) n.notify(notice);
  }

  private scheduleHeartbeat(): void {
    this.heartbeat = this.deps.clock.setTimeout(() => {
      const now = this.nowSeconds();
      for (const w of this.watched) {
        try {
          w.store.beat(now);
        } catch (err) {
          this.deps.log.warn('heartbeat not written', { target: w.target.name, error: err instanceof Error ? err.message : String(err) });
        }
      }
      this.scheduleHeartbeat();
    }, this.deps.heartbeatMs ?? 5_000);
  }

  private nowSeconds(): number {
    return Math.floor(this.deps.clock.now() / 1000);
  }
}
