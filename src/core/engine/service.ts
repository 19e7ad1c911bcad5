import type { PingSampleEvent } from '../../shared/ping-events.js';
import type { SystemEvent } from '../../shared/system-events.js';
import type { ActionSink } from '../actions/action-call.js';
import type { Clock } from '../clock.js';
import type { Logger } from '../log.js';
import type { Prober } from '../probe/prober.js';
import type { RouteControl, RouteLinkSpec } from '../probe/route-control.js';

/**
 * A monitor the daemon runs beside the updown engine (ping, ddns, failover): started once,
 * stopped once on shutdown. stop() resolves when nothing it started is still running.
 */
export interface Service {
  readonly name: string;
  start(): void;
  stop(): Promise<void>;
}

/** What every service gets from the daemon. Services never write outside `dataDir`. */
export interface ServiceDeps {
  dataDir: string;
  prober: Prober;
  clock: Clock;
  log: Logger;
  actions: ActionSink;
  /** Everything the service records, for live views (the app, the browser dashboard). */
  onEvent?: (event: SystemEvent) => void;
  /** Each target's minute of ping samples once it is recorded, for live views. */
  onSample?: (sample: PingSampleEvent) => void;
  /**
   * Starts the privileged helper that may change default routes, through these links only
   * (failover). When absent, the helper beside this install is run with them on its command line.
   */
  routeControl?: (links: readonly RouteLinkSpec[]) => RouteControl;
}
