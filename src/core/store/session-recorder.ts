import type { Clock, Timer } from '../clock.js';
import type { Logger } from '../log.js';
import type { EventBus, EventOf } from '../runtime/event-bus.js';
import { HEARTBEAT_MS } from './heartbeat.js';
import { TargetStore } from './target-store.js';
import { Status } from './transition-record.js';

/** Why a session is being closed, journalled beside its STOPPED so a report can say why the time was not monitored. */
export interface StopReason {
  reason: 'paused' | 'settings-changed';
  /** When a pause is to end; null: until resumed, or not a pause. */
  until: number | null;
  detail: string;
}

const RECORDED = ['transition', 'outage-start', 'outage-end', 'degraded', 'degraded-end'] as const;

/**
 * The record of every monitoring session, for updown targets and failover links alike: opens
 * each with STARTED (closing a crashed one at its last heartbeat first), writes what the bus
 * carries for it (transitions to the log, outages and degraded periods to the journal), keeps
 * one heartbeat for all of them, and closes each with STOPPED. Events of a target with no open
 * session are not written: they come from a monitor being stopped.
 */
export class SessionRecorder {
  private readonly open = new Map<string, TargetStore>();
  private heartbeat: Timer | null = null;
  private readonly unsubscribe: () => void;

  constructor(private readonly deps: { dataDir: string; clock: Clock; log: Logger; bus: EventBus }) {
    this.unsubscribe = deps.bus.on(RECORDED, (event) => this.write(event));
  }

  /** Opens a session now; throws (a UserError) when the folder's records cannot be read, and then writes nothing. */
  openSession(name: string, address: string): void {
    const store = new TargetStore(this.deps.dataDir, name, address);
    const now = this.nowSeconds();
    const recovered = store.openSession(now);
    if (recovered !== null) {
      this.deps.log.warn('the last session ended without a clean stop; closed it at the last heartbeat', { target: name, stoppedAt: new Date(recovered * 1000).toISOString() });
    }
    this.open.set(name, store);
    this.deps.bus.publish({ type: 'session', target: name, address, kind: 'started', at: now });
    this.heartbeat ??= this.deps.clock.setTimeout(() => this.beat(), HEARTBEAT_MS);
  }

  /** Closes the session with STOPPED, journalling why first when there is a reason to tell. */
  closeSession(name: string, why: StopReason | null = null): void {
    const store = this.open.get(name);
    if (!store) return;
    this.open.delete(name);
    const now = this.nowSeconds();
    this.guard(name, 'could not write STOPPED', () => {
      if (why) store.note({ type: 'unmonitored', target: name, start: now, ...why }, now);
      store.closeSession(now);
    });
    this.deps.bus.publish({ type: 'session', target: name, address: store.address, kind: 'stopped', at: now });
    if (this.open.size === 0 && this.heartbeat) {
      this.deps.clock.clearTimeout(this.heartbeat);
      this.heartbeat = null;
    }
  }

  isOpen(name: string): boolean {
    return this.open.has(name);
  }

  /** Stops listening; sessions still open stay as they are (a crash would leave them so too). */
  dispose(): void {
    this.unsubscribe();
    if (this.heartbeat) this.deps.clock.clearTimeout(this.heartbeat);
    this.heartbeat = null;
  }

  private write(event: EventOf<(typeof RECORDED)[number]>): void {
    const store = this.open.get(event.target);
    if (!store) return;
    this.guard(event.target, 'could not write the record', () => {
      if (event.type === 'transition') store.record(event.at, event.status === 'UP' ? Status.UP : Status.DOWN);
      else store.note(event, this.nowSeconds());
    });
  }

  private beat(): void {
    const now = this.nowSeconds();
    for (const [name, store] of this.open) this.guard(name, 'heartbeat not written', () => store.beat(now));
    this.heartbeat = this.deps.clock.setTimeout(() => this.beat(), HEARTBEAT_MS);
  }

  /** A full disk must not stop the monitors: the live views and the notices still count. */
  private guard(target: string, what: string, write: () => void): void {
    try {
      write();
    } catch (err) {
      this.deps.log.error(what, { target, error: err instanceof Error ? err.message : String(err) });
    }
  }

  private nowSeconds(): number {
    return Math.floor(this.deps.clock.now() / 1000);
  }
}
