import type { FailoverConfig } from '../../../shared/config-schema.js';
import type { DefaultRoute } from '../../../shared/helper-protocol.js';
import type { MonitorEvent } from '../../../shared/events.js';
import type { Clock } from '../../clock.js';
import type { Logger } from '../../log.js';
import type { Prober } from '../../probe/prober.js';
import type { RouteControl, RouteLinkSpec } from '../../probe/route-control.js';
import { UpdownMonitor } from '../updown-monitor.js';
import { UPDOWN_DEFAULTS } from '../updown-options.js';
import type { Role } from './failover-policy.js';

export interface LinkWatchDeps {
  config: FailoverConfig;
  role: Role;
  /** The address probed through the link (its `ping`, resolved, or its gateway). */
  probeAddress: string;
  routes: RouteControl;
  clock: Clock;
  log: Logger;
  emit: (event: MonitorEvent) => void;
  /** Called after a probe through the link failed: its routing table may have gone with the interface. */
  onFailedProbe: () => void;
}

export function linkSpec(config: FailoverConfig, role: Role): RouteLinkSpec {
  return { interface: config[role].interface, gateway: config[role].gateway };
}

/** Which of our links a default route goes through, if any. */
export function roleOfRoute(config: FailoverConfig, route: DefaultRoute | null): Role | null {
  if (route === null) return null;
  for (const role of ['primary', 'standby'] as const) {
    if (route.interface === config[role].interface && route.gateway === config[role].gateway) return role;
  }
  return null;
}

/** The route the kernel uses: the lowest metric, the first listed among equals. */
export function winningRoute(routes: readonly DefaultRoute[]): DefaultRoute | null {
  return routes.reduce<DefaultRoute | null>((best, r) => (best === null || r.metric < best.metric ? r : best), null);
}

/**
 * One link watched the way updown watches a target: a check every interval, a failed check
 * confirmed by the same quick re-probes before DOWN (so one lost packet never fails over), the
 * outage backdated to its first failed probe and attributed (gateway down: local; gateway up:
 * the ISP). Every probe, the gateway's included, leaves through this link.
 */
export function watchLink(deps: LinkWatchDeps): UpdownMonitor {
  const { config, role, routes } = deps;
  const link = config[role];
  const prober: Prober = {
    kind: 'icmp-helper',
    probe: async (address, timeoutMs) => {
      const result = await routes.probeVia(link.interface, address, timeoutMs);
      if (!result.ok && result.reason !== 'error') deps.onFailedProbe();
      return result;
    },
    close: () => Promise.resolve(),
  };
  return new UpdownMonitor({
    target: { name: link.name, address: deps.probeAddress },
    options: {
      interval: config.interval,
      pingcount: config.pingcount,
      pingwait: config.pingwait,
      confirm: UPDOWN_DEFAULTS.confirm,
      confirmSpacing: UPDOWN_DEFAULTS.confirmSpacing,
    },
    prober,
    clock: deps.clock,
    log: deps.log,
    evidence: { gateway: () => link.gateway, dns: null, addping: [] },
    emit: deps.emit,
  });
}
