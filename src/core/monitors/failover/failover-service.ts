import { lookup } from 'node:dns/promises';
import { isIP, isIPv4 } from 'node:net';
import type { FailoverConfig } from '../../../shared/config-schema.js';
import type { Logger } from '../../log.js';
import type { Service, ServiceDeps } from '../../runtime/service.js';
import { UserError } from '../../errors.js';
import { bundledHelperCommand, RouteClient } from '../../probe/route-client.js';
import type { RouteControl } from '../../probe/route-control.js';
import type { StopReason } from '../../store/session-recorder.js';
import type { Role } from './failover-policy.js';
import { FailoverMonitor } from './failover-monitor.js';
import { readFailoverState, writeFailoverState } from './failover-state.js';
import { systemInterfaceAddress } from './link-info.js';
import { linkSpec } from './link-watch.js';

const ROLES: readonly Role[] = ['primary', 'standby'];

/**
 * The failover monitor as a service: starts the route helper for the two links, opens each
 * link's own session (the record the bus's link events make in `DATA/<link name>/`, the
 * transition log updown writes, so `nom report --target <link name>` shows each WAN's history),
 * publishes failovers (the system journal keeps them), and remembers the active link in
 * `DATA/_events/failover-state.json`.
 * Routes are IPv4 default routes, as imon's were.
 */
export function createFailoverService(config: FailoverConfig, deps: ServiceDeps): Service {
  for (const role of ROLES) {
    const link = config[role];
    if (!isIPv4(link.gateway)) throw new UserError(`failover: the ${role} gateway ${link.gateway} is not an IPv4 address (failover manages IPv4 default routes)`);
    for (const [what, host] of [['ping', link.ping], ['postping', link.postping]] as const) {
      if (host !== null && isIP(host) === 6) throw new UserError(`failover: the ${role} ${what} ${host} is IPv6; probes through a link are IPv4`);
    }
  }
  return new FailoverService(config, deps);
}

class FailoverService implements Service {
  readonly name = 'failover';
  private readonly log: Logger;
  private routes: RouteControl | null = null;
  private monitor: FailoverMonitor | null = null;
  private started: Promise<void> | null = null;
  private stopping = false;

  constructor(
    private readonly config: FailoverConfig,
    private readonly deps: ServiceDeps,
  ) {
    this.log = deps.log.child('failover');
  }

  start(): void {
    this.started = this.begin().catch((err: unknown) => this.log.error('failover is not running', { error: err instanceof Error ? err.message : String(err) }));
  }

  async stop(why?: StopReason): Promise<void> {
    this.stopping = true;
    await this.started;
    await this.monitor?.stop();
    for (const role of ROLES) this.deps.sessions.closeSession(this.config[role].name, why);
    await this.routes?.close();
  }

  private async begin(): Promise<void> {
    const { config, deps } = this;
    const probe = { primary: await this.probeAddress('primary'), standby: await this.probeAddress('standby') };
    if (this.stopping) return;
    for (const role of ROLES) deps.sessions.openSession(config[role].name, probe[role]);
    const links = ROLES.map((role) => linkSpec(config, role));
    this.routes = deps.routeControl ? deps.routeControl(links) : new RouteClient({ command: bundledHelperCommand(), links, log: this.log.child('helper') });
    const remembered = readFailoverState(deps.dataDir, { primary: links[0]!, standby: links[1]! });
    if (remembered.problem) this.log.warn(remembered.problem);
    this.monitor = new FailoverMonitor({
      config,
      targets: {
        primary: { probe: probe.primary, postping: await this.postpingAddress('primary') },
        standby: { probe: probe.standby, postping: await this.postpingAddress('standby') },
      },
      routes: this.routes,
      prober: deps.prober,
      clock: deps.clock,
      log: this.log,
      actions: deps.actions,
      remembered: remembered.state,
      interfaceAddress: systemInterfaceAddress(),
      emit: (event) => deps.bus.publish(event),
      emitLink: (_role, event) => deps.bus.publish(event),
      saveState: (state) => this.guard('could not save the failover state', () => writeFailoverState(deps.dataDir, state)),
    });
    if (this.stopping) return;
    this.monitor.start();
    this.log.info(`watching ${config.primary.name} (${config.primary.interface}) and ${config.standby.name} (${config.standby.interface})`, {
      prefer_primary: config.preferPrimary,
      failback_after_s: config.failbackAfter,
    });
  }

  /** The link's ping target, else its gateway. A name that does not resolve now (the WAN may be down at boot) falls back to the gateway. */
  private async probeAddress(role: Role): Promise<string> {
    const link = this.config[role];
    if (link.ping === null) return link.gateway;
    const address = await resolveIPv4(link.ping);
    if (address !== null) return address;
    this.log.warn(`cannot resolve ${link.ping}; probing the ${role} link's gateway instead`, { link: link.name, gateway: link.gateway });
    return link.gateway;
  }

  private async postpingAddress(role: Role): Promise<string | null> {
    const host = this.config[role].postping;
    if (host === null) return null;
    const address = await resolveIPv4(host);
    if (address === null) this.log.warn(`cannot resolve ${host}; no check after traffic moves to the ${role} link`);
    return address;
  }

  /** A full disk must not stop failover: routing matters more than the record of it. */
  private guard(what: string, write: () => void): void {
    try {
      write();
    } catch (err) {
      this.log.error(what, { error: err instanceof Error ? err.message : String(err) });
    }
  }
}

async function resolveIPv4(host: string): Promise<string | null> {
  if (isIPv4(host)) return host;
  try {
    return (await lookup(host, { family: 4 })).address;
  } catch {
    return null;
  }
}
