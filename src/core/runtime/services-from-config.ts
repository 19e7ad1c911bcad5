import type { NomConfig } from '../../shared/config-schema.js';
import { resolveUpdown } from '../config/resolve-updown.js';
import { createDdnsService } from '../monitors/ddns/ddns-service.js';
import { createFailoverService } from '../monitors/failover/failover-service.js';
import { createPingService } from '../monitors/ping/ping-service.js';
import { UpdownService, type UpdownServiceDeps } from '../monitors/updown-service.js';
import type { MonitorKind, Service } from './service.js';

export const MONITOR_KINDS: readonly MonitorKind[] = ['failover', 'ddns', 'ping', 'updown'];

/** Whether the configuration turns the monitor on. */
export function enabledIn(config: NomConfig, kind: MonitorKind): boolean {
  return kind === 'failover' ? (config.failover?.enabled ?? false) : config[kind].enabled;
}

/** Whether a monitor sends probes, and so needs the prober: ddns asks HTTP providers. */
export function probes(kind: MonitorKind): boolean {
  return kind !== 'ddns';
}

/** One monitor of a configuration, ready to start; host names are resolved here, so a name that does not resolve is refused before anything stops. */
export async function serviceFromConfig(config: NomConfig, kind: MonitorKind, deps: UpdownServiceDeps): Promise<Service> {
  switch (kind) {
    case 'updown':
      return new UpdownService(config.updown, await resolveUpdown(config.updown), deps);
    case 'ping':
      return createPingService(config.ping, deps);
    case 'ddns':
      return createDdnsService(config.ddns, deps);
    case 'failover':
      if (!config.failover) throw new Error('failover is not configured');
      return createFailoverService(config.failover, deps);
  }
}
