import type { DefaultRoute, RouteSetDefaultValue } from '../../shared/helper-protocol.js';
import type { ProbeResult } from './prober.js';

/** One failover link as the helper knows it: the interface, and the gateway routes through it use. */
export interface RouteLinkSpec {
  interface: string;
  gateway: string;
}

export type RouteCallResult<T> = { ok: true; value: T } | { ok: false; detail: string };

/**
 * What the failover monitor may ask of the privileged side: read the default routes, make one
 * link's route the winner, and probe through one link whatever the default route says. Only the
 * links the helper was started with can be named (see src/helper/routes.ts).
 */
export interface RouteControl {
  defaultRoutes(): Promise<RouteCallResult<DefaultRoute[]>>;
  setDefault(link: RouteLinkSpec, metric: number): Promise<RouteCallResult<RouteSetDefaultValue>>;
  /** Sets up (again: the kernel drops it when the interface goes down) what probeVia to `target` needs. */
  prepareLink(link: RouteLinkSpec, target: string): Promise<RouteCallResult<number>>;
  /** Never rejects, like Prober.probe. */
  probeVia(interfaceName: string, address: string, timeoutMs: number): Promise<ProbeResult>;
  close(): Promise<void>;
}
