import { fileURLToPath } from 'node:url';
import { systemClock, type Clock, type Timer } from '../clock.js';
import type { Logger } from '../log.js';
import { HELPER_PROTOCOL_VERSION } from '../../shared/helper-lines.js';
import {
  helperCalls,
  helperRequest,
  type DefaultRoute,
  type HelperCallType,
  type HelperMessage,
  type HelperRequest,
  type RouteSetDefaultValue,
} from '../../shared/helper-protocol.js';
import { toProbeResult } from './echo-result.js';
import { spawnHelper, type HelperCommand, type HelperProcess } from './helper-process.js';
import type { ProbeResult } from './prober.js';
import type { RouteCallResult, RouteControl, RouteLinkSpec } from './route-control.js';

export interface RouteClientOptions {
  /** How to start the helper; the `--route-link` arguments are added here. */
  command: HelperCommand;
  links: readonly RouteLinkSpec[];
  log: Logger;
  clock?: Clock;
  readyTimeoutMs?: number;
  /** A route call unanswered this long means a stuck helper (each `ip` it runs is bounded by 5 s). */
  routeCallTimeoutMs?: number;
  /** Restart delays, doubling up to the second. */
  backoffMs?: readonly [first: number, max: number];
}

const STABLE_MS = 60_000;

type Answer = { ok: true; value: unknown } | { ok: false; detail: string };

interface PendingCall {
  readonly request: HelperRequest;
  readonly guard: Timer;
  readonly settle: (answer: Answer) => void;
}

/**
 * The helper beside this install (dist/helper/main.js), run by this same node: for probing (the
 * daemon) and for failover. `--optimize-for-size` makes V8 collect the old generation 2 MB past
 * what is live instead of 8, a good part of a heap that holds about 5 MB: with 1,000 targets,
 * about 4 MB less resident at peak, at the same CPU. Node refuses it in NODE_OPTIONS (where
 * helper-process.ts sets the heap limits), so it goes on the command line.
 */
export function bundledHelperCommand(): HelperCommand {
  return { command: process.execPath, args: ['--optimize-for-size', fileURLToPath(new URL('../../helper/main.js', import.meta.url))] };
}

/** The helper's command line for failover: the links go on it, so no request can add another. */
export function withRouteLinks(command: HelperCommand, links: readonly RouteLinkSpec[]): HelperCommand {
  return { command: command.command, args: [...command.args, ...links.flatMap((l) => ['--route-link', `${l.interface}=${l.gateway}`])] };
}

/**
 * Route calls and per-link echoes through a helper of failover's own, started with the two links
 * on its command line; the probe helper gets none, so it can never touch a route. A helper that
 * dies is restarted with backoff; calls it had not answered fail (the monitor retries on its next
 * round). Calls made while it starts wait for it; calls made while it is down fail at once.
 */
export class RouteClient implements RouteControl {
  private readonly clock: Clock;
  private readonly pending = new Map<number, PendingCall>();
  private helper: HelperProcess | null = null;
  private state: 'starting' | 'ready' | 'down' = 'starting';
  private generation = 0;
  private nextId = 1;
  private backoff: number;
  private failure = '';
  private readyAt = 0;
  private readyTimer: Timer | null = null;
  private restartTimer: Timer | null = null;
  private closed = false;

  constructor(private readonly options: RouteClientOptions) {
    this.clock = options.clock ?? systemClock;
    this.backoff = this.backoffRange[0];
    this.spawn();
  }

  async defaultRoutes(): Promise<RouteCallResult<DefaultRoute[]>> {
    const answer = await this.call('route-get', { type: 'route-get' });
    return answer.ok ? { ok: true, value: helperCalls['route-get'].value.parse(answer.value).routes } : answer;
  }

  async setDefault(link: RouteLinkSpec, metric: number): Promise<RouteCallResult<RouteSetDefaultValue>> {
    const answer = await this.call('route-set-default', { type: 'route-set-default', interface: link.interface, gateway: link.gateway, metric });
    return answer.ok ? { ok: true, value: helperCalls['route-set-default'].value.parse(answer.value) } : answer;
  }

  async prepareLink(link: RouteLinkSpec, target: string): Promise<RouteCallResult<number>> {
    const answer = await this.call('route-link', { type: 'route-link', interface: link.interface, gateway: link.gateway, target });
    return answer.ok ? { ok: true, value: helperCalls['route-link'].value.parse(answer.value).table } : answer;
  }

  async probeVia(interfaceName: string, address: string, timeoutMs: number): Promise<ProbeResult> {
    const answer = await this.call('echo', { type: 'echo', address, timeoutMs: Math.ceil(timeoutMs), interface: interfaceName });
    return answer.ok ? toProbeResult(helperCalls.echo.value.parse(answer.value)) : { ok: false, reason: 'error', detail: answer.detail };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const timer of [this.readyTimer, this.restartTimer]) if (timer) this.clock.clearTimeout(timer);
    this.failAll('the route helper was closed');
    await this.helper?.stop(2_000);
  }

  private get backoffRange(): readonly [number, number] {
    return this.options.backoffMs ?? [250, 30_000];
  }

  /**
   * Resolves with the reply's value once it has passed the call's schema (the caller's parse
   * cannot fail then), or with why there is none.
   */
  private call(type: HelperCallType, body: Record<string, unknown>): Promise<Answer> {
    if (this.closed) return Promise.resolve({ ok: false, detail: 'the route helper is closed' });
    if (this.state === 'down') return Promise.resolve({ ok: false, detail: `the route helper is not running: ${this.failure}` });
    const parsed = helperRequest.safeParse({ id: this.nextId++, ...body });
    if (!parsed.success || parsed.data.type !== type) return Promise.resolve({ ok: false, detail: `invalid ${type} call: ${parsed.error?.issues[0]?.message ?? 'wrong type'}` });
    const request = parsed.data;
    const waitMs = request.type === 'echo' ? request.timeoutMs + 2_000 : (this.options.routeCallTimeoutMs ?? 30_000);
    return new Promise((resolve) => {
      const guard = this.clock.setTimeout(() => this.stuck(request.id, waitMs), waitMs);
      this.pending.set(request.id, { request, guard, settle: resolve });
      if (this.state === 'ready') this.helper?.send(request);
    });
  }

  private spawn(): void {
    const generation = ++this.generation;
    this.state = 'starting';
    this.helper = spawnHelper(withRouteLinks(this.options.command, this.options.links), this.options.log, {
      message: (message) => {
        if (generation === this.generation) this.onMessage(message);
      },
      exit: (detail) => {
        if (generation === this.generation) this.onExit(detail);
      },
    });
    const readyTimeoutMs = this.options.readyTimeoutMs ?? 10_000;
    this.readyTimer = this.clock.setTimeout(() => {
      this.readyTimer = null;
      this.failure = `no ready message within ${readyTimeoutMs} ms`;
      this.helper?.kill();
    }, readyTimeoutMs);
  }

  private onMessage(message: HelperMessage): void {
    if (message.type === 'failed') {
      this.failure = `${message.error.code}: ${message.error.message}`;
    } else if (message.type === 'ready') {
      this.onReady(message);
    } else if (message.id !== null) {
      const call = this.pending.get(message.id);
      if (!call) return;
      if (!message.ok) return this.settle(message.id, { ok: false, detail: `${message.error.code}: ${message.error.message}` });
      const value = helperCalls[call.request.type].value.safeParse(message.value);
      this.settle(message.id, value.success ? { ok: true, value: value.data } : { ok: false, detail: `invalid ${call.request.type} reply: ${value.error.issues[0]?.message ?? ''}` });
    }
  }

  private onReady(message: Extract<HelperMessage, { type: 'ready' }>): void {
    const expected = JSON.stringify(this.options.links.map((l) => ({ interface: l.interface, gateway: l.gateway })));
    const links = JSON.stringify(message.routeLinks ?? []);
    if (this.state === 'ready') return;
    if (message.protocol !== HELPER_PROTOCOL_VERSION || links !== expected) {
      this.failure = message.protocol !== HELPER_PROTOCOL_VERSION ? `helper speaks protocol ${message.protocol}` : `helper routes through ${links}, not ${expected}`;
      this.helper?.kill();
      return;
    }
    if (this.readyTimer) this.clock.clearTimeout(this.readyTimer);
    this.readyTimer = null;
    this.state = 'ready';
    this.readyAt = this.clock.now();
    this.options.log.info('route helper ready', { pid: this.helper?.pid, links: this.options.links.map((l) => l.interface).join(',') });
    for (const call of this.pending.values()) this.helper?.send(call.request);
  }

  private onExit(detail: string): void {
    if (this.readyTimer) this.clock.clearTimeout(this.readyTimer);
    this.readyTimer = null;
    const wasReady = this.state === 'ready';
    // Only a helper that stayed up a while earns a quick restart: one dying at once must not spin.
    if (wasReady && this.clock.now() - this.readyAt >= STABLE_MS) this.backoff = this.backoffRange[0];
    this.helper = null;
    this.state = 'down';
    if (!wasReady) this.failure ||= detail;
    else this.failure = detail;
    this.failAll(`the route helper stopped (${this.failure})`);
    if (this.closed) return;
    this.options.log.warn(wasReady ? 'the route helper stopped; restarting it' : 'the route helper did not start', { detail: this.failure, retry_in_ms: this.backoff });
    this.restartTimer = this.clock.setTimeout(() => {
      this.restartTimer = null;
      this.failure = '';
      this.spawn();
    }, this.backoff);
    this.backoff = Math.min(this.backoff * 2, this.backoffRange[1]);
  }

  /** The helper bounds every call it runs, so one this late is wedged: killed, then restarted. */
  private stuck(id: number, waitedMs: number): void {
    if (!this.pending.has(id)) return;
    this.settle(id, { ok: false, detail: `the route helper did not answer within ${waitedMs} ms` });
    this.options.log.warn('the route helper is not answering; restarting it', { waited_ms: waitedMs });
    this.helper?.kill();
  }

  private failAll(detail: string): void {
    for (const id of [...this.pending.keys()]) this.settle(id, { ok: false, detail });
  }

  private settle(id: number, answer: Answer): void {
    const call = this.pending.get(id);
    if (!call) return;
    this.pending.delete(id);
    this.clock.clearTimeout(call.guard);
    call.settle(answer);
  }
}
