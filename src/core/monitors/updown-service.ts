import type { UpdownConfig } from '../../shared/config-schema.js';
import type { MonitorEvent } from '../../shared/events.js';
import type { ResolvedUpdown } from '../config/resolve-updown.js';
import { defaultGateway } from '../net/default-gateway.js';
import { queryDns } from '../probe/dns-query.js';
import type { Service, ServiceDeps } from '../runtime/service.js';
import { SharedTicks } from '../runtime/shared-ticks.js';
import type { StopReason } from '../store/session-recorder.js';
import { DegradedDetector } from './degraded-detector.js';
import type { EvidenceSources } from './outage-evidence.js';
import { UpdownMonitor, type UpdownTarget } from './updown-monitor.js';
import { UPDOWN_DEFAULTS } from './updown-options.js';

export interface UpdownServiceDeps extends ServiceDeps {
  /** Where the gateway and DNS evidence come from; the system's by default. */
  evidence?: Omit<EvidenceSources, 'prober' | 'timeoutMs' | 'addping'>;
  /** Each regular check's round trip (null: unanswered), for the live chart. */
  onCheck?: (target: string, sentMs: number, rttMs: number | null) => void;
}

/**
 * The updown monitor as a service: one monitor per target, started on the same instant so their
 * rounds share wake-ups, each target's session opened before its first probe and closed after
 * its last. What the monitors find goes to the bus; the session recorder makes the record of it.
 */
export class UpdownService implements Service {
  readonly name = 'updown';
  private readonly monitors: Array<{ target: UpdownTarget; monitor: UpdownMonitor; degraded: DegradedDetector }>;

  constructor(
    config: UpdownConfig,
    resolved: ResolvedUpdown,
    private readonly deps: UpdownServiceDeps,
  ) {
    const clock = new SharedTicks(deps.clock);
    const evidence = {
      gateway: deps.evidence?.gateway ?? (() => defaultGateway()),
      dns: deps.evidence?.dns ?? (resolved.dns && { ...resolved.dns, query: queryDns }),
      addping: resolved.addping,
    };
    const options = { interval: config.interval, pingcount: config.pingcount, pingwait: config.pingwait, confirm: config.confirm, confirmSpacing: UPDOWN_DEFAULTS.confirmSpacing };
    this.monitors = resolved.targets.map((target) => {
      const own = config.targets.find((t) => t.name === target.name)?.degraded;
      const thresholds = { lossPct: own?.lossPct ?? config.degraded.lossPct, rttFactor: own?.rttFactor ?? config.degraded.rttFactor, windowS: own?.windowS ?? config.degraded.windowS };
      const degraded = new DegradedDetector(target.name, thresholds, (event) => deps.bus.publish(event));
      const monitor = new UpdownMonitor({
        target,
        options,
        prober: deps.prober,
        clock,
        evidence,
        log: deps.log.child(target.name),
        emit: (event) => this.onEvent(target, degraded, event),
        onCheck: (sentMs, rttMs) => {
          degraded.check(sentMs, rttMs);
          deps.onCheck?.(target.name, sentMs, rttMs);
        },
      });
      return { target, monitor, degraded };
    });
  }

  /** Opens every target's session (throwing, before any probe, when a folder's records cannot be read), then probes. */
  start(): void {
    for (const { target } of this.monitors) this.deps.sessions.openSession(target.name, target.address);
    const first = this.deps.clock.now();
    for (const { monitor } of this.monitors) monitor.start(first);
    this.deps.log.info(`watching ${this.monitors.map(({ target }) => `${target.name} (${target.address})`).join(', ')}; records in ${this.deps.dataDir}`);
  }

  async stop(why?: StopReason): Promise<void> {
    await Promise.all(this.monitors.map(({ monitor }) => monitor.stop()));
    for (const { target } of this.monitors) this.deps.sessions.closeSession(target.name, why);
  }

  private onEvent(target: UpdownTarget, degraded: DegradedDetector, event: MonitorEvent): void {
    if (event.type === 'transition') {
      if (event.status === 'DOWN') degraded.wentDown(event.at);
      else degraded.wentUp();
      this.deps.log.info(event.status === 'UP' ? 'reachable' : 'UNREACHABLE', { target: target.name, address: target.address, at: new Date(event.at * 1000).toISOString() });
    }
    if (event.type === 'outage-start') this.deps.log.info('outage cause', { target: target.name, cause: event.cause });
    this.deps.bus.publish(event);
  }
}
