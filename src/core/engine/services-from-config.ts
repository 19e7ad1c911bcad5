import type { NomConfig } from '../../shared/config-schema.js';
import { createDdnsService } from '../monitors/ddns/ddns-service.js';
import { createFailoverService } from '../monitors/failover/failover-service.js';
import { createPingService } from '../monitors/ping/ping-service.js';
import type { Service, ServiceDeps } from './service.js';

/** The services an instance's configuration enables besides updown, which the Engine runs. */
export function servicesFromConfig(config: NomConfig, deps: ServiceDeps): Service[] {
  const services: Service[] = [];
  if (config.failover?.enabled) services.push(createFailoverService(config.failover, deps));
  if (config.ddns.enabled) services.push(createDdnsService(config.ddns, deps));
  if (config.ping.enabled) services.push(createPingService(config.ping, deps));
  return services;
}
