import { systemClock, type Clock, type Timer } from '../clock.js';
import type { Logger } from '../log.js';
import { HELPER_PROTOCOL_VERSION } from '../../shared/helper-lines.js';
import {
  echoRequest,
  helperCalls,
  type EchoRequest,
  type HelperMessage,
  type HelperReply,
  type IpFamily,
} from '../../shared/helper-protocol.js';
import { readEchoValue } from '../../shared/helper-quick-read.js';
import { spawnHelper, type HelperCommand, type HelperProcess } from './helper-process.js';
import { toProbeResult } from './echo-result.js';
import type { ProbeResult, Prober } from './prober.js';

export interface HelperClientOptions {
  command: HelperCommand;
  log: Logger;
  clock?: Clock;
  /** A helper that has said neither `ready` nor `failed` by then is killed and counts as not starting. */
  readyTimeoutMs?: number;
  /** How long past a probe's own timeout the helper may take to answer before the probe gives up with `error`. */
  answerGraceMs?: number;
  /** Restart delays: doubling from the first to the second, reset once a helper has stayed up for `stableMs`. */
  backoffMs?: readonly [first: number, max: number];
  stableMs?: number;
  /** How many helpers a probe may be sent to: one that kills every helper it meets is dropped after this. */
  maxSends?: number;
  /**
   * Exit codes by which the command says the user refused to let the helper run (pkexec: 126,
   * the dialog dismissed; 127, not authorised). A restart refused so is not tried again: each
   * try would raise the dialog once more, every backoff, until the user gave in.
   */
  refusalExitCodes?: readonly number[];
}

/**
 * How often pending probes are checked against their deadline: one timer for them all, where a
 * timer per probe cost a thousand timers set and cleared a second. A stuck helper is found this
 * much later, at most.
 */
const SWEEP_MS = 100;

/** Addresses remembered as valid, at most: targets and evidence addresses are far fewer; this only bounds a caller probing ever new ones. */
const MAX_REMEMBERED = 10_000;

export type HelperStart = { ok: true; families: IpFamily[]; pid: number | undefined } | { ok: false; detail: string };

interface PendingProbe {
  readonly request: EchoRequest;
  sends: number;
  sentTo: number;
  /** Clock time past which the helper is late with it: its timeout, then answerGraceMs. */
  readonly deadline: number;
  readonly resolve: (result: ProbeResult) => void;
}

/**
 * Probes through the privileged helper. The helper is a process of its own, so it can die: then
 * it is restarted (with backoff) and every probe it had not answered is sent again, so none is
 * lost. Results come only from lines that pass the shared schema. Whatever goes wrong, a probe
 * resolves, at the latest `answerGraceMs` after its timeout, with `error` (never a made-up timeout:
 * that would be evidence of an outage).
 */
export class HelperClient implements Prober {
  readonly kind = 'icmp-helper' as const;
  private readonly clock: Clock;
  private readonly pending = new Map<number, PendingProbe>();
  private helper: HelperProcess | null = null;
  /** Bumped per spawn: a probe remembers which helper has seen it. */
  private generation = 0;
  private ready = false;
  private readyAt = 0;
  private everReady = false;
  /** False from a failed start until a helper is ready again: probes fail at once instead of waiting. */
  private available = true;
  /** Why the last start failed, for the probes answered with error meanwhile. */
  private lastFailure = '';
  /** What the current helper said was wrong before it went (`failed`, no ready in time, wrong protocol). */
  private attemptFailure = '';
  private nextId = 1;
  /**
   * What has passed the echo request schema already. Its fields are checked one by one, so a
   * request whose address and timeout each passed before passes again; checking every probe
   * anew cost more than everything else the daemon does for it.
   */
  private readonly validAddresses = new Set<string>();
  private readonly validTimeouts = new Set<number>();
  private backoff: number;
  private readyTimer: Timer | null = null;
  private restartTimer: Timer | null = null;
  private sweepTimer: Timer | null = null;
  private closed = false;
  private settleStart: ((start: HelperStart) => void) | null = null;
  private readonly started: Promise<HelperStart>;

  constructor(private readonly options: HelperClientOptions) {
    this.clock = options.clock ?? systemClock;
    this.backoff = this.backoffRange[0];
    this.started = new Promise((resolve) => (this.settleStart = resolve));
    this.spawn();
  }

  /** How the first start went: ready (and with which address families), or why not. */
  whenStarted(): Promise<HelperStart> {
    return this.started;
  }

  probe(address: string, timeoutMs: number): Promise<ProbeResult> {
    if (this.closed) return Promise.resolve(error('the ICMP helper prober is closed'));
    const request: EchoRequest = { id: this.nextId++, type: 'echo', address, timeoutMs: Math.ceil(timeoutMs) };
    if (!this.validAddresses.has(address) || !this.validTimeouts.has(request.timeoutMs)) {
      const parsed = echoRequest.safeParse(request);
      if (!parsed.success) return Promise.resolve(error(`cannot probe ${address} in ${timeoutMs} ms: ${parsed.error.issues[0]?.message ?? 'invalid'}`));
      if (this.validAddresses.size >= MAX_REMEMBERED) this.validAddresses.clear();
      this.validAddresses.add(address);
      this.validTimeouts.add(request.timeoutMs);
    }
    if (!this.available) return Promise.resolve(error(`the ICMP helper is not running: ${this.lastFailure}`));
    return new Promise((resolve) => {
      this.pending.set(request.id, { request, sends: 0, sentTo: 0, deadline: this.clock.now() + request.timeoutMs + this.graceMs, resolve });
      this.sweepTimer ??= this.clock.setTimeout(this.sweep, SWEEP_MS);
      if (this.ready) this.send(request.id);
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.clearTimer('readyTimer');
    this.clearTimer('restartTimer');
    this.clearTimer('sweepTimer');
    for (const id of [...this.pending.keys()]) this.settle(id, error('the ICMP helper prober was closed'));
    this.settleStart?.({ ok: false, detail: 'closed before the helper started' });
    await this.helper?.stop(2_000);
  }

  private get graceMs(): number {
    return this.options.answerGraceMs ?? 2_000;
  }

  private get backoffRange(): readonly [number, number] {
    return this.options.backoffMs ?? [250, 30_000];
  }

  private spawn(): void {
    const generation = ++this.generation;
    this.ready = false;
    this.attemptFailure = '';
    this.helper = spawnHelper(this.options.command, this.options.log, {
      message: (message) => {
        if (generation === this.generation) this.onMessage(message);
      },
      exit: (detail, code) => {
        if (generation === this.generation) this.onExit(detail, code);
      },
    });
    const readyTimeoutMs = this.options.readyTimeoutMs ?? 10_000;
    this.readyTimer = this.clock.setTimeout(() => {
      this.readyTimer = null;
      this.attemptFailure = `no ready message within ${readyTimeoutMs} ms`;
      this.helper?.kill();
    }, readyTimeoutMs);
  }

  private onMessage(message: HelperMessage): void {
    const log = this.options.log;
    if (message.type === 'failed') {
      this.attemptFailure = `${message.error.code}: ${message.error.message}`;
      log.warn('the ICMP helper cannot work', { error: this.attemptFailure });
    } else if (message.type === 'ready') {
      if (this.ready) {
        log.warn('ignored a second ready message from the ICMP helper');
      } else if (message.protocol !== HELPER_PROTOCOL_VERSION) {
        this.attemptFailure = `helper speaks protocol ${message.protocol}, expected ${HELPER_PROTOCOL_VERSION}`;
        log.error('the ICMP helper does not match this app', { error: this.attemptFailure });
        this.helper?.kill();
      } else {
        this.onReady(message.families);
      }
    } else {
      this.onReply(message);
    }
  }

  private onReply(reply: HelperReply): void {
    const log = this.options.log;
    const probe = reply.id === null ? undefined : this.pending.get(reply.id);
    if (!reply.ok && reply.id === null) {
      log.warn('the ICMP helper refused a request it could not read', { error: `${reply.error.code}: ${reply.error.message}` });
    } else if (!probe) {
      // Late (its probe gave up already) or for a request never made: either way nobody is waiting.
      log.debug('ignored a helper reply for no pending probe', { id: reply.id });
    } else if (reply.ok) {
      // The usual outcomes are read without the schema when they surely pass it (helper-quick-read.ts).
      const quick = readEchoValue(reply.value);
      if (quick) return this.settle(probe.request.id, toProbeResult(quick));
      const value = helperCalls[probe.request.type].value.safeParse(reply.value);
      if (value.success) this.settle(probe.request.id, toProbeResult(value.data));
      else log.warn('ignored a helper reply with an invalid value', { id: reply.id, error: value.error.issues[0]?.message });
    } else {
      this.settle(probe.request.id, error(`ICMP helper: ${reply.error.code}: ${reply.error.message}`));
    }
  }

  private onReady(families: IpFamily[]): void {
    this.clearTimer('readyTimer');
    this.ready = true;
    this.available = true;
    this.readyAt = this.clock.now();
    const pid = this.helper?.pid;
    if (this.everReady) this.options.log.info('the ICMP helper is back', { pid, families: families.join(',') });
    else this.options.log.info('probing with the privileged ICMP helper (raw sockets)', { pid, families: families.join(',') });
    this.everReady = true;
    this.settleStart?.({ ok: true, families, pid });
    this.settleStart = null;
    for (const [id, probe] of this.pending) if (probe.sentTo !== this.generation) this.send(id);
  }

  private onExit(detail: string, code: number | null): void {
    this.clearTimer('readyTimer');
    const wasReady = this.ready;
    this.ready = false;
    this.helper = null;
    if (this.closed) return;
    const log = this.options.log;
    if (!wasReady && code !== null && this.options.refusalExitCodes?.includes(code)) return this.refused(detail);
    if (wasReady) {
      if (this.clock.now() - this.readyAt >= (this.options.stableMs ?? 60_000)) this.backoff = this.backoffRange[0];
      log.warn('the ICMP helper stopped; restarting it', { detail, in_ms: this.backoff, in_flight: this.pending.size });
      const maxSends = this.options.maxSends ?? 3;
      for (const [id, probe] of this.pending) {
        if (probe.sends >= maxSends) this.settle(id, error(`the ICMP helper stopped ${probe.sends} times while probing ${probe.request.address}`));
      }
    } else {
      this.available = false;
      this.lastFailure = this.attemptFailure || detail;
      log.warn('the ICMP helper did not start', { detail, error: this.lastFailure, retry_in_ms: this.backoff });
      this.settleStart?.({ ok: false, detail: this.lastFailure });
      this.settleStart = null;
      for (const id of [...this.pending.keys()]) this.settle(id, error(`the ICMP helper is not running: ${this.lastFailure}`));
    }
    this.restartTimer = this.clock.setTimeout(() => {
      this.restartTimer = null;
      this.spawn();
    }, this.backoff);
    this.backoff = Math.min(this.backoff * 2, this.backoffRange[1]);
  }

  /** The user said no to running the helper: it stays stopped for this run, and every probe says why. */
  private refused(detail: string): void {
    this.available = false;
    this.lastFailure = `the permission to run it was not given (${this.options.command.command} ${detail})`;
    this.options.log.warn('the ICMP helper was not allowed to run; not asking again', { command: this.options.command.command, detail });
    this.settleStart?.({ ok: false, detail: this.lastFailure });
    this.settleStart = null;
    for (const id of [...this.pending.keys()]) this.settle(id, error(`the ICMP helper is not running: ${this.lastFailure}`));
  }

  private readonly sweep = (): void => {
    this.sweepTimer = null;
    const now = this.clock.now();
    // forEach, not for…of: it hands out no [key, value] pair per entry. Entries may be deleted as it goes.
    this.pending.forEach((probe, id) => {
      if (probe.deadline <= now) this.giveUp(id);
    });
    if (this.pending.size > 0) this.sweepTimer = this.clock.setTimeout(this.sweep, SWEEP_MS);
  };

  /**
   * The helper answers every echo by its timeout, so one that is this late is stuck (frozen,
   * deadlocked, its pipe wedged): it is killed, and the restart re-sends everything else it held.
   */
  private giveUp(id: number): void {
    const probe = this.pending.get(id);
    if (!probe) return;
    const waited = probe.request.timeoutMs + this.graceMs;
    this.settle(id, error(`the ICMP helper did not answer within ${waited} ms`));
    if (this.ready && probe.sentTo === this.generation) {
      this.options.log.warn('the ICMP helper is not answering; restarting it', { pid: this.helper?.pid, waited_ms: waited });
      this.helper?.kill();
    }
  }

  private send(id: number): void {
    const probe = this.pending.get(id);
    if (!probe || !this.helper) return;
    probe.sends++;
    probe.sentTo = this.generation;
    this.helper.send(probe.request);
  }

  private settle(id: number, result: ProbeResult): void {
    const probe = this.pending.get(id);
    if (!probe) return;
    this.pending.delete(id);
    probe.resolve(result);
  }

  private clearTimer(name: 'readyTimer' | 'restartTimer' | 'sweepTimer'): void {
    const timer = this[name];
    if (timer) this.clock.clearTimeout(timer);
    this[name] = null;
  }
}

function error(detail: string): ProbeResult {
  return { ok: false, reason: 'error', detail };
}
