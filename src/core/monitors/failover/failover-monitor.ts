import type { FailoverConfig } from '../../../shared/config-schema.js';
import type { MonitorEvent } from '../../../shared/events.js';
import type { FailoverEvent } from '../../../shared/system-events.js';
import type { ActionSink } from '../../actions/action-call.js';
import type { Clock, Timer } from '../../clock.js';
import type { Logger } from '../../log.js';
import type { Prober } from '../../probe/prober.js';
import type { RouteControl } from '../../probe/route-control.js';
import type { UpdownMonitor } from '../updown-monitor.js';
import { decide, type LinkStatus, type Role } from './failover-policy.js';
import type { FailoverState } from './failover-state.js';
import { failoverInfo, type InterfaceAddress } from './link-info.js';
import { linkSpec, roleOfRoute, watchLink, winningRoute } from './link-watch.js';

export interface FailoverMonitorDeps {
  config: FailoverConfig;
  /** Resolved addresses: what each link probes, and what it checks after traffic moves to it. */
  targets: Record<Role, { probe: string; postping: string | null }>;
  routes: RouteControl;
  /** Post-failover checks go the way LAN traffic goes: the default route, with the daemon's prober. */
  prober: Prober;
  clock: Clock;
  log: Logger;
  actions: ActionSink;
  remembered: FailoverState | null;
  interfaceAddress: InterfaceAddress;
  emit: (event: FailoverEvent) => void;
  emitLink: (role: Role, event: MonitorEvent) => void;
  saveState: (state: FailoverState) => void;
}

const ROLES: readonly Role[] = ['primary', 'standby'];
/** The kernel's default routes are read back this often even when nothing seems to change: someone else may change them. */
const RECONCILE_MS = 10_000;
/** A switch that failed is tried again after this, not every round. */
const RETRY_MS = 10_000;

/**
 * imon's failover, improved: both links probed every interval, each through itself; traffic
 * moved off a dead link as soon as its outage is confirmed, back to the primary only after it
 * has stayed up `failbackAfter` seconds (and only when preferred); every route change made by the
 * helper and read back; "both down" said once, not every round. Writes nothing itself: the
 * service records what it emits.
 */
export class FailoverMonitor {
  private readonly status: Record<Role, LinkStatus> = { primary: 'starting', standby: 'starting' };
  private readonly links: Record<Role, UpdownMonitor>;
  private readonly lastPrepared: Record<Role, number> = { primary: -Infinity, standby: -Infinity };
  private readonly work = new Set<Promise<unknown>>();
  private primaryUpSince: number | null = null;
  private active: Role | null = null;
  /** The last link that carried traffic: restored when the kernel loses our route. */
  private remembered: Role | null;
  private since: number;
  private bothDownReported: boolean;
  private initialReported = false;
  private queue: Promise<void> = Promise.resolve();
  private stepQueued = false;
  private tickTimer: Timer | null = null;
  private lastReconcileMs = -Infinity;
  private failedSwitch: { to: Role; atMs: number; detail: string } | null = null;
  private stopped = false;

  constructor(private readonly deps: FailoverMonitorDeps) {
    this.remembered = deps.remembered?.active ?? null;
    this.since = deps.remembered?.since ?? this.nowSeconds();
    this.bothDownReported = deps.remembered?.bothDownReported ?? false;
    const watch = (role: Role) =>
      watchLink({
        config: deps.config,
        role,
        probeAddress: deps.targets[role].probe,
        routes: deps.routes,
        clock: deps.clock,
        log: deps.log.child(deps.config[role].name),
        emit: (event) => this.onLinkEvent(role, event),
        onFailedProbe: () => this.prepareSoon(role),
      });
    this.links = { primary: watch('primary'), standby: watch('standby') };
  }

  /** Reads the kernel's default route and sets up per-link routing, then starts probing. */
  start(): void {
    this.enqueue(async () => {
      await this.readKernel();
      await Promise.all(ROLES.map((role) => this.prepare(role, 'warn')));
      if (this.stopped) return;
      for (const role of ROLES) this.links[role].start();
      this.scheduleTick();
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.tickTimer) this.deps.clock.clearTimeout(this.tickTimer);
    await Promise.all(ROLES.map((role) => this.links[role].stop()));
    await this.queue;
    while (this.work.size > 0) await Promise.allSettled([...this.work]);
    this.save();
  }

  private onLinkEvent(role: Role, event: MonitorEvent): void {
    this.deps.emitLink(role, event);
    if (event.type !== 'transition') return;
    const up = event.status === 'UP';
    this.status[role] = up ? 'up' : 'down';
    if (role === 'primary') this.primaryUpSince = up ? this.deps.clock.now() : null;
    if (up && this.bothDownReported) {
      this.bothDownReported = false;
      this.save();
    }
    this.deps.log.info(`the ${role} link is ${up ? 'up' : 'DOWN'}`, { link: this.deps.config[role].name, interface: this.deps.config[role].interface });
    this.enqueueStep();
  }

  private enqueueStep(): void {
    if (this.stepQueued) return;
    this.stepQueued = true;
    this.enqueue(async () => {
      this.stepQueued = false;
      await this.step();
    });
  }

  private enqueue(task: () => Promise<void>): void {
    const run = this.queue.then(task).catch((err: unknown) => this.deps.log.error('failover step failed', { error: err instanceof Error ? err.message : String(err) }));
    this.queue = run;
  }

  private async step(): Promise<void> {
    if (this.stopped) return;
    if (!this.initialReported) {
      if (this.status.primary === 'starting' || this.status.standby === 'starting') return;
      this.reportInitial();
    }
    const now = this.deps.clock.now();
    if (now - this.lastReconcileMs >= RECONCILE_MS) await this.readKernel();
    const decision = decide({
      status: this.status,
      active: this.active,
      remembered: this.remembered,
      primaryUpSince: this.primaryUpSince,
      nowMs: now,
      preferPrimary: this.deps.config.preferPrimary,
      failbackAfterMs: this.deps.config.failbackAfter * 1000,
    });
    if (decision.kind === 'both-down' && !this.bothDownReported) this.reportBothDown();
    if (decision.kind !== 'switch') return;
    const failed = this.failedSwitch;
    if (failed && failed.to === decision.to && now - failed.atMs < RETRY_MS) return;
    // Its own checks may not have caught up yet (both links dying at once): look before moving traffic.
    if (!(await this.answersNow(decision.to))) {
      this.deps.log.debug(`not moving traffic to the ${decision.to} link: it does not answer now`, { why: decision.why });
      return;
    }
    await this.switchTo(decision.to, decision.why);
  }

  private async answersNow(role: Role): Promise<boolean> {
    const { config, routes, targets } = this.deps;
    const probes = Array.from({ length: config.pingcount }, () => routes.probeVia(config[role].interface, targets[role].probe, config.pingwait * 1000));
    return (await Promise.all(probes)).some((r) => r.ok);
  }

  private async switchTo(to: Role, why: string): Promise<void> {
    const { config, routes, log } = this.deps;
    const result = await routes.setDefault(linkSpec(config, to), config.metric);
    this.lastReconcileMs = this.deps.clock.now();
    if (result.ok) this.setActive(roleOfRoute(config, winningRoute(result.value.routes)));
    if (result.ok && result.value.verified) {
      this.failedSwitch = null;
      log.info(`traffic moved to the ${to} link`, { link: config[to].name, interface: config[to].interface, gateway: config[to].gateway, why });
      this.record('switch', { verified: true, detail: why });
      this.deps.actions.call({ command: to === 'primary' ? 'failover-primary' : 'failover-standby', link: this.info(to) });
      const postping = this.deps.targets[to].postping;
      if (postping !== null) this.track(this.postping(to, postping));
      return;
    }
    const detail = result.ok ? result.value.detail : result.detail;
    const repeated = this.failedSwitch?.to === to && this.failedSwitch.detail === detail;
    this.failedSwitch = { to, atMs: this.deps.clock.now(), detail };
    if (repeated) {
      log.debug(`still cannot move traffic to the ${to} link`, { detail });
      return;
    }
    log.error(`could not move traffic to the ${to} link`, { why, detail });
    this.record('switch', { verified: false, detail: `${why}; the route was not changed as asked: ${detail}` });
  }

  private async postping(to: Role, address: string): Promise<void> {
    const { prober, config } = this.deps;
    const results = await Promise.all(Array.from({ length: config.pingcount }, () => prober.probe(address, config.pingwait * 1000)));
    const online = results.some((r) => r.ok);
    this.deps.log.info(`post-failover check of ${address}: ${online ? 'online' : 'OFFLINE'}`, { link: config[to].name });
    this.record('postping', { postping: { address, online } });
    this.deps.actions.call({ command: 'failover-postping', link: this.info(to), online });
  }

  private reportInitial(): void {
    this.initialReported = true;
    for (const role of ROLES) {
      this.deps.actions.call({ command: 'failover-initial', link: this.info(role), state: this.status[role] === 'up' ? 'online' : 'offline' });
    }
    this.record('initial', { detail: this.active ? `traffic on the ${this.active} link` : 'no default route of ours in use' });
  }

  private reportBothDown(): void {
    this.bothDownReported = true;
    this.save();
    this.deps.log.error('both links are down', { primary: this.deps.config.primary.name, standby: this.deps.config.standby.name });
    this.record('both-down', {});
    this.deps.actions.call({ command: 'failover-bothdown', primary: this.info('primary'), standby: this.info('standby') });
  }

  private async readKernel(): Promise<void> {
    const routes = await this.deps.routes.defaultRoutes();
    this.lastReconcileMs = this.deps.clock.now();
    if (!routes.ok) {
      this.deps.log.warn('cannot read the default routes', { detail: routes.detail });
      return;
    }
    const active = roleOfRoute(this.deps.config, winningRoute(routes.value));
    if (active === this.active) return;
    if (this.initialReported) this.deps.log.warn('the default route changed outside nom', { was: this.active ?? 'none of ours', now: active ?? 'none of ours' });
    this.setActive(active);
  }

  /** Per-link routing again after a failed probe (at most once an interval): the kernel drops it with the interface. */
  private prepareSoon(role: Role): void {
    const now = this.deps.clock.now();
    if (this.stopped || now - this.lastPrepared[role] < this.deps.config.interval * 1000) return;
    this.lastPrepared[role] = now;
    this.track(this.prepare(role, 'debug'));
  }

  private async prepare(role: Role, level: 'warn' | 'debug'): Promise<void> {
    this.lastPrepared[role] = this.deps.clock.now();
    const prepared = await this.deps.routes.prepareLink(linkSpec(this.deps.config, role), this.deps.targets[role].probe);
    if (!prepared.ok) this.deps.log[level]('cannot set up routing for probes through the link', { link: this.deps.config[role].name, detail: prepared.detail });
  }

  private setActive(active: Role | null): void {
    if (active === this.active) return;
    this.active = active;
    if (active !== null) this.remembered = active;
    this.since = this.nowSeconds();
    this.save();
  }

  private save(): void {
    const { config } = this.deps;
    this.deps.saveState({
      version: 1,
      links: { primary: linkSpec(config, 'primary'), standby: linkSpec(config, 'standby') },
      active: this.remembered,
      since: this.since,
      bothDownReported: this.bothDownReported,
    });
  }

  private record(kind: FailoverEvent['kind'], extra: Pick<FailoverEvent, 'verified' | 'postping' | 'detail'>): void {
    const address = this.deps.interfaceAddress;
    this.deps.emit({
      type: 'failover',
      at: this.nowSeconds(),
      kind,
      active: this.active,
      primary: { up: this.status.primary === 'up', address: address(this.deps.config.primary.interface) },
      standby: { up: this.status.standby === 'up', address: address(this.deps.config.standby.interface) },
      ...extra,
    });
  }

  private info(role: Role) {
    return failoverInfo(role, this.deps.config[role], this.deps.interfaceAddress);
  }

  private scheduleTick(): void {
    if (this.stopped) return;
    this.tickTimer = this.deps.clock.setTimeout(() => {
      this.enqueueStep();
      this.scheduleTick();
    }, this.deps.config.interval * 1000);
  }

  private track(work: Promise<unknown>): void {
    this.work.add(work);
    void work.finally(() => this.work.delete(work));
  }

  private nowSeconds(): number {
    return Math.floor(this.deps.clock.now() / 1000);
  }
}
