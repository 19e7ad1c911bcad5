import { isIP } from 'node:net';
import type { DdnsConfig } from '../../../shared/config-schema.js';
import type { IpChangeEvent, IpUnknownEvent } from '../../../shared/system-events.js';
import type { Timer } from '../../clock.js';
import type { Service, ServiceDeps } from '../../runtime/service.js';
import { UserError } from '../../errors.js';
import type { Logger } from '../../log.js';
import { askProviders, type Refusal } from './ask-providers.js';
import { readDdnsState, writeDdnsState, type DdnsState } from './ddns-state.js';
import { httpFetchText, type FetchText } from './fetch-text.js';

/** A run of failed rounds is logged when it starts, then at most this often. */
const REMIND_MS = 60 * 60 * 1000;

export interface DdnsServiceOptions {
  /** How a provider is asked; tests give a scripted one. */
  fetch?: FetchText;
}

/**
 * The ddns monitor as a daemon service: every `interval` seconds it asks the providers in turn
 * for the external address. A new address is journalled as `ip-change`, remembered in the data
 * folder, and handed to the action script as `ddns-ip-update NEW OLD`; a round with no valid
 * answer calls `ddns-no-update`, as imon did, but journals `ip-unknown` only when the address
 * stops being known, not at every round.
 */
export function createDdnsService(config: DdnsConfig, deps: ServiceDeps, options: DdnsServiceOptions = {}): Service {
  const version = config.family === 'ipv4' ? 4 : 6;
  for (const provider of config.providers) {
    const literal = isIP(new URL(provider).hostname.replace(/^\[(.*)\]$/, '$1'));
    if (literal !== 0 && literal !== version) {
      throw new UserError(`ddns: the provider ${provider} is an IPv${literal} address, but the family is ${config.family}: it would always see the wrong address`);
    }
  }
  return new DdnsService(config, deps, options.fetch ?? httpFetchText);
}

class DdnsService implements Service {
  readonly name = 'ddns';
  private readonly log: Logger;
  private readonly stopping = new AbortController();
  private known: DdnsState | null = null;
  /** Whether any provider has answered since the service started. */
  private answered = false;
  private failedRounds = 0;
  private remindedAt = 0;
  private timer: Timer | null = null;
  private round: Promise<void> = Promise.resolve();

  constructor(
    private readonly config: DdnsConfig,
    private readonly deps: ServiceDeps,
    private readonly fetch: FetchText,
  ) {
    this.log = deps.log.child('ddns');
  }

  start(): void {
    const remembered = readDdnsState(this.deps.dataDir, this.config.family);
    if (remembered.problem) this.log.warn(remembered.problem);
    this.known = remembered.state;
    this.log.info(`asking ${this.config.providers.length} provider(s) for the ${this.config.family} address every ${this.config.interval}s`, {
      last_known: this.known?.address ?? 'none',
    });
    this.runRound();
  }

  /** Ends the request in flight at once; nothing is recorded or called for a round cut short. */
  async stop(): Promise<void> {
    this.stopping.abort();
    if (this.timer) this.deps.clock.clearTimeout(this.timer);
    await this.round;
  }

  private runRound(): void {
    const startedAt = this.deps.clock.now();
    this.round = this.check()
      .catch((err: unknown) => this.log.error('the ddns round failed', { error: err instanceof Error ? err.message : String(err) }))
      .then(() => this.scheduleNext(startedAt));
  }

  /** Rounds start `interval` apart; one that took longer than that is followed at once. */
  private scheduleNext(startedAt: number): void {
    if (this.stopping.signal.aborted) return;
    const wait = Math.max(0, this.config.interval * 1000 - (this.deps.clock.now() - startedAt));
    this.timer = this.deps.clock.setTimeout(() => this.runRound(), wait);
  }

  private async check(): Promise<void> {
    const { config, deps } = this;
    const lookup = await askProviders({
      providers: config.providers,
      family: config.family,
      timeoutMs: config.timeout * 1000,
      fetch: this.fetch,
      clock: deps.clock,
      signal: this.stopping.signal,
    });
    if (this.stopping.signal.aborted) return;
    const at = Math.floor(deps.clock.now() / 1000);
    if (lookup.found) this.onAddress(lookup.address, lookup.provider, at);
    else this.onNoAddress(lookup.tried, at);
  }

  private onAddress(address: string, provider: string, at: number): void {
    if (this.failedRounds > 0) this.log.info(`a provider answers again after ${this.failedRounds} failed round(s)`, { provider });
    this.failedRounds = 0;
    const firstAnswer = !this.answered;
    this.answered = true;
    const old = this.known?.address ?? null;
    if (old === address) {
      if (firstAnswer) this.log.info(`external address ${address}, unchanged since ${new Date((this.known?.since ?? at) * 1000).toISOString()}`, { provider });
      return;
    }
    const known: DdnsState = { version: 1, family: this.config.family, address, provider, since: at };
    this.known = known;
    this.guard('could not save the ddns state', () => writeDdnsState(this.deps.dataDir, known));
    this.record({ type: 'ip-change', at, family: this.config.family, old, new: address, provider });
    this.log.info(old === null ? `external address ${address}` : `external address changed from ${old} to ${address}`, { provider });
    this.deps.actions.call({ command: 'ddns-ip-update', newIp: address, oldIp: old });
  }

  private onNoAddress(tried: Refusal[], at: number): void {
    this.failedRounds += 1;
    const now = this.deps.clock.now();
    const detail = tried.map((t) => `${t.provider} - ${t.error}`).join('; ');
    if (this.failedRounds === 1) {
      this.record({ type: 'ip-unknown', at, family: this.config.family, tried });
      this.log.warn('no provider gave a valid address', { tried: detail });
      this.remindedAt = now;
    } else if (now - this.remindedAt >= REMIND_MS) {
      this.log.warn(`still no valid address after ${this.failedRounds} rounds`, { tried: detail });
      this.remindedAt = now;
    }
    this.deps.actions.call({ command: 'ddns-no-update' });
  }

  private record(event: IpChangeEvent | IpUnknownEvent): void {
    this.deps.bus.publish(event);
  }

  /** A full disk must not stop the monitor: the script still hears of a change. */
  private guard(what: string, write: () => void): void {
    try {
      write();
    } catch (err) {
      this.log.error(what, { error: err instanceof Error ? err.message : String(err) });
    }
  }
}
