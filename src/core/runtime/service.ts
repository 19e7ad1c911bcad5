import type { ActionSink } from '../actions/action-call.js';
import type { Clock } from '../clock.js';
import type { Logger } from '../log.js';
import type { Prober } from '../probe/prober.js';
import type { RouteControl, RouteLinkSpec } from '../probe/route-control.js';
import type { SessionRecorder, StopReason } from '../store/session-recorder.js';
import type { EventBus } from './event-bus.js';

export type MonitorKind = 'updown' | 'ping' | 'ddns' | 'failover';

/**
 * One monitor (updown, ping, ddns, failover) as the runtime runs it: started once, stopped once
 * (on shutdown, a pause, or a change of its settings, which `why` tells the record). stop()
 * resolves when nothing it started is still running and its sessions are closed.
 */
export interface Service {
  readonly name: MonitorKind;
  start(): void;
  stop(why?: StopReason): Promise<void>;
}

/** What every service gets from the runtime. Services never write outside `dataDir`. */
export interface ServiceDeps {
  dataDir: string;
  prober: Prober;
  clock: Clock;
  log: Logger;
  actions: ActionSink;
  /** Where every event goes: the store, the notifiers and the views listen there. */
  bus: EventBus;
  /** Opens and closes the monitoring sessions of updown targets and failover links. */
  sessions: SessionRecorder;
  /**
   * Starts the privileged helper that may change default routes, through these links only
   * (failover). When absent, the helper beside this install is run with them on its command line.
   */
  routeControl?: (links: readonly RouteLinkSpec[]) => RouteControl;
}
