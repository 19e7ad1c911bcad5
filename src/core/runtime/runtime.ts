import type { StatusValue } from '../../shared/api-contract.js';
import type { NomConfig } from '../../shared/config-schema.js';
import type { ActionCall } from '../actions/action-call.js';
import type { Clock, Timer } from '../clock.js';
import type { Logger } from '../log.js';
import { readDdnsState } from '../monitors/ddns/ddns-state.js';
import type { UpdownServiceDeps } from '../monitors/updown-service.js';
import type { Notifier } from '../notify/notifier.js';
import type { ChosenProber } from '../probe/choose-prober.js';
import { NO_PROBER } from '../probe/prober.js';
import { ProbingHealth } from '../probe/probing-health.js';
import { SessionRecorder, type StopReason } from '../store/session-recorder.js';
import { recordSystemEvents } from '../store/system-recorder.js';
import type { Zone } from '../time/zone.js';
import { EventBus } from './event-bus.js';
import { NoticeFeed } from './notice-feed.js';
import { RecentChecks } from './recent-checks.js';
import type { MonitorKind, Service, ServiceDeps } from './service.js';
import { enabledIn, MONITOR_KINDS, probes, serviceFromConfig } from './services-from-config.js';
import { TargetViews } from './target-views.js';

/** What a face gives the runtime: where and when, and how probes, notices and scripts are made for a configuration. */
export interface RuntimeOptions {
  dataDir: string;
  clock: Clock;
  log: Logger;
  zone: Zone;
  /**
   * How probes are made for a configuration's `probe` setting; throws a UserError when no way
   * works. `mayAsk` false: a retry on a timer, which must not raise a permission dialog.
   */
  chooseProber: (probe: NomConfig['probe'], attempt: { mayAsk: boolean }) => Promise<ChosenProber>;
  /**
   * When no way of probing works: 'throw' (the daemon, by default: start fails with the reason)
   * or 'report' (the desktop app: the monitors that need no probe run, the status and a
   * 'health' event say why and what to do, and probing is tried again every `probeRetryMs`
   * and on each new configuration).
   */
  whenProbingFails?: 'throw' | 'report';
  probeRetryMs?: number;
  /** The channels a configuration names, and the action script's runner (null: none). */
  channels: (config: NomConfig) => { notifiers: Notifier[]; actions: ActionHandle | null };
  routeControl?: ServiceDeps['routeControl'];
  evidence?: UpdownServiceDeps['evidence'];
}

/** An action script runner as the runtime holds it: calls now, a bounded wait for the calls in flight when it is replaced or stopped. */
export interface ActionHandle {
  call(action: ActionCall): void;
  stop(ms: number): Promise<void>;
}

/** How long notices and queued action calls get to go out when the runtime stops or channels change. */
const FLUSH_MS = 5_000;
const ACTIONS_STOP_MS = 10_000;
/** A check a second at most: the ring holds the last hour. */
const RECENT_CHECKS = 3_600;
/** Long enough not to spin on a machine where nothing can probe, short enough to start soon after the user fixed it. */
const PROBE_RETRY_MS = 60_000;

/**
 * The one monitoring runtime (DESIGN.md "The module map"): the monitors a configuration enables,
 * one bus, and one lifecycle — start, apply a new configuration (restarting only the monitors
 * it touches, their sessions closed with STOPPED and opened again with STARTED), pause and
 * resume, stop. `nom daemon` and the desktop app run it alike. Lifecycle calls are taken one at
 * a time, in the order they are made.
 */
export class Runtime {
  readonly bus: EventBus;
  private config: NomConfig;
  private readonly sessions: SessionRecorder;
  private readonly feed: NoticeFeed;
  private readonly views: TargetViews;
  private readonly checks = new RecentChecks(RECENT_CHECKS);
  private readonly running = new Map<MonitorKind, Service>();
  private prober: ChosenProber | null = null;
  private readonly health: ProbingHealth;
  private notifiers: Notifier[] = [];
  private actions: ActionHandle | null = null;
  private paused: { since: number; until: number | null; reason: string } | null = null;
  private pauseTimer: Timer | null = null;
  private lifecycle: Promise<unknown> = Promise.resolve();

  constructor(
    config: NomConfig,
    private readonly options: RuntimeOptions,
  ) {
    this.config = config;
    const { dataDir, clock, log } = options;
    this.bus = new EventBus(log.child('bus'));
    this.sessions = new SessionRecorder({ dataDir, clock, log, bus: this.bus });
    recordSystemEvents(this.bus, dataDir, log);
    this.feed = new NoticeFeed(this.bus, [], () => (this.config.failover ? { primary: this.config.failover.primary.name, standby: this.config.failover.standby.name } : undefined));
    this.views = new TargetViews(this.bus, { dataDir, zone: options.zone, now: () => this.nowSeconds() });
    this.health = new ProbingHealth({ clock, log, retryMs: options.probeRetryMs ?? PROBE_RETRY_MS, publish: (e) => this.bus.publish(e) });
  }

  get currentConfig(): NomConfig {
    return this.config;
  }

  /** Starts every enabled monitor. Throws (a UserError) when one cannot start; the others are stopped again. */
  start(): Promise<void> {
    return this.serially(async () => {
      this.useChannels(this.config);
      try {
        await this.startMonitors(MONITOR_KINDS.filter((k) => enabledIn(this.config, k)));
      } catch (err) {
        await this.stopMonitors([...this.running.keys()]);
        throw err;
      }
    });
  }

  /** Stops probing, closes every session with STOPPED, then gives notices and scripts a moment to finish. */
  stop(): Promise<void> {
    // At once, not in turn: a retry due while the calls before this one finish must not start monitors after it.
    this.health.cancelRetry();
    return this.serially(async () => {
      this.clearPauseTimer();
      this.health.cancelRetry();
      await this.stopMonitors([...this.running.keys()]);
      await this.prober?.prober.close();
      this.prober = null;
      await this.retireChannels();
      this.sessions.dispose();
      this.feed.dispose();
    });
  }

  /**
   * Runs `next` from now on: the monitors whose settings changed are restarted (all probing ones
   * when the way of probing changed), the others keep running untouched. Returns those restarted.
   */
  apply(next: NomConfig): Promise<MonitorKind[]> {
    return this.serially(async () => {
      const before = this.config;
      const probeChanged = before.probe !== next.probe;
      const touched = MONITOR_KINDS.filter((k) => (probeChanged && probes(k)) || JSON.stringify(sectionOf(before, k)) !== JSON.stringify(sectionOf(next, k)));
      this.config = next;
      if (JSON.stringify([before.notify, before.action, before.instance]) !== JSON.stringify([next.notify, next.action, next.instance])) {
        await this.retireChannels();
        this.useChannels(next);
      }
      if (this.paused) return touched;
      const why: StopReason = { reason: 'settings-changed', until: null, detail: 'the settings were changed' };
      await this.stopMonitors(touched.filter((k) => this.running.has(k)), why);
      if (probeChanged) {
        await this.prober?.prober.close();
        this.prober = null;
      }
      // A new configuration is a new chance for the probing monitors that could not start for want of a prober.
      const waiting = this.health.problem === null ? [] : MONITOR_KINDS.filter((k) => probes(k) && !touched.includes(k) && !this.running.has(k));
      await this.startMonitors([...touched, ...waiting].filter((k) => enabledIn(next, k)));
      if (!MONITOR_KINDS.some((k) => probes(k) && enabledIn(next, k))) this.health.working('no probing monitor is configured');
      return touched;
    });
  }

  /** Stops every monitor for `minutes` (null: until resumed); the time is recorded as not monitored, with the reason. */
  pause(minutes: number | null, reason: string): Promise<void> {
    return this.serially(async () => {
      const now = this.nowSeconds();
      const until = minutes === null ? null : now + minutes * 60;
      this.clearPauseTimer();
      this.health.cancelRetry();
      if (!this.paused) await this.stopMonitors([...this.running.keys()], { reason: 'paused', until, detail: reason });
      this.paused = { since: this.paused?.since ?? now, until, reason };
      this.bus.publish({ type: 'pause', at: now, until, reason });
      this.options.log.info(until === null ? `paused until resumed: ${reason}` : `paused until ${new Date(until * 1000).toISOString()}: ${reason}`);
      if (minutes !== null) this.pauseTimer = this.options.clock.setTimeout(() => void this.resume(), minutes * 60_000);
    });
  }

  resume(): Promise<void> {
    return this.serially(async () => {
      if (!this.paused) return;
      this.clearPauseTimer();
      this.paused = null;
      this.bus.publish({ type: 'resume', at: this.nowSeconds() });
      this.options.log.info('resumed');
      await this.startMonitors(MONITOR_KINDS.filter((k) => enabledIn(this.config, k)));
    });
  }

  status(): StatusValue {
    const ddns = this.running.has('ddns') ? readDdnsState(this.options.dataDir, this.config.ddns.family).state : null;
    return {
      now: this.nowSeconds(),
      instance: this.config.instance,
      zone: this.options.zone.name,
      targets: this.views.status(),
      paused: this.paused,
      probing: this.probingStatus(),
      monitors: MONITOR_KINDS.filter((k) => this.running.has(k)),
      ip: ddns && { address: ddns.address, since: ddns.since },
    };
  }

  /** The last `minutes` of each updown target's checks. */
  recentChecks(minutes: number, target?: string) {
    return this.checks.since(this.options.clock.now() - minutes * 60_000, target);
  }

  /** The targets and links whose sessions are open now, which a report carries to now. */
  liveTargets(): string[] {
    return this.views
      .status()
      .map((t) => t.name)
      .filter((name) => this.sessions.isOpen(name));
  }

  private probingStatus(): StatusValue['probing'] {
    const problem = this.health.problem;
    if (problem !== null) return { ok: false, detail: problem };
    return { ok: true, detail: this.prober?.description ?? (this.paused ? 'paused' : 'no probing monitor is running') };
  }

  private async startMonitors(wanted: readonly MonitorKind[], mayAsk = true): Promise<void> {
    let kinds = wanted;
    if (kinds.some(probes) && !this.prober && !(await this.useProber(mayAsk))) kinds = kinds.filter((k) => !probes(k));
    const built: Array<[MonitorKind, Service]> = [];
    for (const kind of kinds) built.push([kind, await serviceFromConfig(this.config, kind, this.serviceDeps())]);
    this.views.expect(expectedTargets(this.config));
    this.checks.keep(this.config.updown.enabled ? this.config.updown.targets.map((t) => t.name) : []);
    for (const [kind, service] of built) {
      service.start();
      this.running.set(kind, service);
    }
  }

  /** Picks the prober; false when none works and the runtime reports that rather than failing. */
  private async useProber(mayAsk: boolean): Promise<boolean> {
    try {
      this.prober = await this.options.chooseProber(this.config.probe, { mayAsk });
    } catch (err) {
      if (this.options.whenProbingFails !== 'report') throw err;
      this.health.failed(err instanceof Error ? err.message : String(err), () => {
        this.retryProbing().catch((e: unknown) => this.options.log.error('probing could not be started again', { error: e instanceof Error ? e.message : String(e) }));
      });
      return false;
    }
    this.options.log.info(`probing with ${this.prober.description}`);
    this.health.working(this.prober.description);
    return true;
  }

  /** The retry timer's call: starts the probing monitors that are enabled and still not running, asking the user nothing. */
  private retryProbing(): Promise<void> {
    return this.serially(async () => {
      if (this.paused || this.health.problem === null) return;
      await this.startMonitors(
        MONITOR_KINDS.filter((k) => probes(k) && enabledIn(this.config, k) && !this.running.has(k)),
        false,
      );
    });
  }

  private async stopMonitors(kinds: readonly MonitorKind[], why?: StopReason): Promise<void> {
    const stopping = kinds.flatMap((k) => {
      const service = this.running.get(k);
      this.running.delete(k);
      return service ? [service.stop(why)] : [];
    });
    await Promise.all(stopping);
  }

  private serviceDeps(): UpdownServiceDeps {
    const { dataDir, clock, log, routeControl, evidence } = this.options;
    return {
      dataDir,
      clock,
      log,
      prober: this.prober?.prober ?? NO_PROBER,
      bus: this.bus,
      sessions: this.sessions,
      actions: { call: (action) => this.actions?.call(action) },
      onCheck: (target, sentMs, rttMs) => {
        this.checks.add(target, sentMs, rttMs);
        if (this.bus.wants('probe')) this.bus.publish({ type: 'probe', target, at_ms: sentMs, rtt_ms: rttMs });
      },
      ...(routeControl && { routeControl }),
      ...(evidence && { evidence }),
    };
  }

  private useChannels(config: NomConfig): void {
    const { notifiers, actions } = this.options.channels(config);
    this.notifiers = notifiers;
    this.actions = actions;
    this.feed.replace(notifiers);
  }

  private async retireChannels(): Promise<void> {
    const [notifiers, actions] = [this.notifiers, this.actions];
    this.feed.replace([]);
    this.notifiers = [];
    this.actions = null;
    await Promise.all([...notifiers.map((n) => n.flush(FLUSH_MS)), actions?.stop(ACTIONS_STOP_MS)]);
  }

  private clearPauseTimer(): void {
    if (this.pauseTimer) this.options.clock.clearTimeout(this.pauseTimer);
    this.pauseTimer = null;
  }

  private serially<T>(work: () => Promise<T>): Promise<T> {
    const next = this.lifecycle.then(work);
    this.lifecycle = next.catch(() => undefined);
    return next;
  }

  private nowSeconds(): number {
    return Math.floor(this.options.clock.now() / 1000);
  }
}

function sectionOf(config: NomConfig, kind: MonitorKind): unknown {
  return kind === 'failover' ? config.failover : config[kind];
}

function expectedTargets(config: NomConfig): Array<{ name: string; address: string; kind: 'updown' | 'link' }> {
  const updown = config.updown.enabled ? config.updown.targets.map((t) => ({ name: t.name, address: t.address, kind: 'updown' as const })) : [];
  const links = config.failover?.enabled ? [config.failover.primary, config.failover.standby].map((l) => ({ name: l.name, address: l.ping ?? l.gateway, kind: 'link' as const })) : [];
  return [...updown, ...links];
}
