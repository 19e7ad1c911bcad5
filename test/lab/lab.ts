import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import type { CommandResult } from './commands.js';
import { deleteNamespaces, labPrefix, registerCleanup } from './cleanup.js';
import { validateAnswers } from './dns-answer.js';
import type { DnsAnswers } from './dns-answer.js';
import { setIcmpBlocked, setWanLoss } from './firewall.js';
import { ProcessSet } from './processes.js';
import type { LabExecOptions, LabSpawnOptions } from './processes.js';
import { INTERNET_HOSTS, LAB_ADDRESSES, LAB_HOSTS, buildTopology, setLinkState } from './topology.js';
import { startWatchdog } from './watchdog.js';
import type { Watchdog } from './watchdog.js';
import { commandRelay } from './wire.js';
import type { LabAddresses, LabHost, LabLink, LabNamespaces } from './topology.js';

export type { CommandResult } from './commands.js';
export type { DnsAnswers } from './dns-answer.js';
export type { LabExecOptions, LabSpawnOptions } from './processes.js';
export type { LabAddresses, LabHost, LabLink, LabNamespaces } from './topology.js';

export interface LabOptions {
  /** A short label ([a-z0-9]{1,12}) added to the namespace names, for whoever reads `ip netns list`. */
  name?: string;
  /**
   * Carries the WAN through a relay process so setDelay() works (see wire.ts). Costs one more
   * namespace and a Node process, about 150 ms at create().
   */
  delay?: boolean;
}

export interface DnsServerOptions {
  answers: DnsAnswers;
  /** One of the internet's addresses; defaults to lab.addr.dns. */
  address?: string;
  port?: number;
}

export interface DnsServer {
  readonly address: string;
  readonly port: number;
  readonly process: ChildProcess;
  stop(): Promise<void>;
}

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DNS_SERVER = fileURLToPath(new URL('./dns-server.ts', import.meta.url));
const DELAY_RELAY = fileURLToPath(new URL('./delay-relay.ts', import.meta.url));
const MAX_DELAY_MS = 60_000;
const STOP_GRACE_MS = 1_000;
const CHILD_START_TIMEOUT_MS = 10_000;

/**
 * A private three-host network: client -- lan -- router -- wan -- internet, each host its own
 * network namespace, every address from the documentation ranges, nothing linked to the host.
 * See DESIGN.md "Network safety in tests".
 */
export class Lab {
  readonly ns: LabNamespaces;
  readonly addr: LabAddresses = LAB_ADDRESSES;
  readonly #processes = new ProcessSet();
  readonly #icmpBlocked = new Set<string>();
  readonly #allNamespaces: readonly string[];
  readonly #unregister: () => void;
  readonly #watchdog: Watchdog;
  #relay: ChildProcess | undefined;
  #destroyed: Promise<void> | undefined;

  private constructor(ns: LabNamespaces, wire: string | undefined) {
    this.ns = ns;
    this.#allNamespaces = [...Object.values(ns), ...(wire === undefined ? [] : [wire])];
    this.#unregister = registerCleanup({ namespaces: this.#allNamespaces, livePids: () => this.#processes.livePids() });
    this.#watchdog = startWatchdog(this.#allNamespaces);
  }

  static async create(options: LabOptions = {}): Promise<Lab> {
    const prefix = labPrefix(options.name);
    const ns = Object.freeze(Object.fromEntries(LAB_HOSTS.map((host) => [host, `${prefix}-${host}`])) as Record<LabHost, string>);
    const wire = options.delay === true ? `${prefix}-wire` : undefined;
    // Registered before the first namespace exists, so a failure half-way still cleans up.
    const lab = new Lab(ns, wire);
    try {
      await buildTopology(ns, wire);
      if (wire !== undefined) lab.#relay = await lab.#startRelay(wire);
    } catch (error) {
      await lab.destroy();
      throw error;
    }
    return lab;
  }

  /** Takes both ends of a link down. Routes through it vanish, so the router answers "net unreachable". */
  async linkDown(link: LabLink): Promise<void> {
    this.#assertLive();
    await setLinkState(this.ns, link, false);
  }

  /** Brings a link back, with the routes the kernel dropped when it went down. */
  async linkUp(link: LabLink): Promise<void> {
    this.#assertLive();
    await setLinkState(this.ns, link, true);
  }

  /** Random loss of `percent` % of the packets the router sends to the internet; 0 removes it. */
  async setLoss(percent: number, link: 'wan' = 'wan'): Promise<void> {
    this.#assertLive();
    if (link !== 'wan') throw new Error(`loss is only available on the wan link, not "${String(link)}"`);
    await setWanLoss(this.ns.router, percent);
  }

  /**
   * Adds `ms` to every round trip across the WAN, applied to packets going out to the internet
   * (like netem on the router's WAN). Needs a lab created with `{ delay: true }`; 0 removes it.
   */
  async setDelay(ms: number): Promise<void> {
    this.#assertLive();
    if (!Number.isInteger(ms) || ms < 0 || ms > MAX_DELAY_MS) {
      throw new RangeError(`delay must be a whole number of milliseconds from 0 to ${MAX_DELAY_MS}, got ${ms}`);
    }
    if (this.#relay === undefined) throw new Error('setDelay needs a lab created with { delay: true }');
    await commandRelay(this.#relay, `delay ${ms}`);
  }

  /** Makes one internet host ignore echo requests while everything else it serves keeps working. */
  async blockIcmpTo(address: string, blocked: boolean): Promise<void> {
    this.#assertLive();
    this.#assertInternetHost(address);
    if (this.#icmpBlocked.has(address) === blocked) return;
    await setIcmpBlocked(this.ns.internet, address, blocked);
    if (blocked) this.#icmpBlocked.add(address);
    else this.#icmpBlocked.delete(address);
  }

  /** Starts an authoritative DNS server in the internet namespace; resolves once it is bound. */
  async startDns(options: DnsServerOptions): Promise<DnsServer> {
    this.#assertLive();
    const address = options.address ?? this.addr.dns;
    const port = options.port ?? 53;
    this.#assertInternetHost(address);
    validateAnswers(options.answers);
    const child = this.spawn(
      'internet',
      process.execPath,
      ['--import', 'tsx', DNS_SERVER, '--listen', `${address}:${port}`, '--answers', JSON.stringify(options.answers)],
      { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    await waitForLine(child, `listening ${address}:${port}`, CHILD_START_TIMEOUT_MS);
    const stop = async (): Promise<void> => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const closed = once(child, 'close');
      child.kill('SIGTERM');
      await closed;
    };
    return { address, port, process: child, stop };
  }

  /**
   * Starts a process inside one of the lab's namespaces, named by host ('client', 'router',
   * 'internet') or by namespace name; destroy() stops it if it is still running.
   */
  spawn(host: string, command: string, args: readonly string[] = [], options: LabSpawnOptions = {}): ChildProcess {
    this.#assertLive();
    return this.#processes.spawn(this.#resolve(host), command, args, options);
  }

  /** Runs a process inside one of the lab's namespaces to completion (30 s limit unless told). */
  async exec(host: string, command: string, args: readonly string[] = [], options: LabExecOptions = {}): Promise<CommandResult> {
    this.#assertLive();
    return await this.#processes.exec(this.#resolve(host), command, args, options);
  }

  /** Stops every lab process (SIGTERM, then SIGKILL), then deletes the namespaces. Safe to call twice. */
  destroy(): Promise<void> {
    this.#destroyed ??= (async () => {
      try {
        await this.#processes.stopAll(STOP_GRACE_MS);
        await deleteNamespaces(this.#allNamespaces);
      } finally {
        this.#unregister();
        this.#watchdog.dismiss();
      }
    })();
    return this.#destroyed;
  }

  async #startRelay(wire: string): Promise<ChildProcess> {
    const relay = this.#processes.spawn(wire, process.execPath, ['--import', 'tsx', DELAY_RELAY], {
      cwd: REPO_ROOT,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    await waitForLine(relay, 'ready', CHILD_START_TIMEOUT_MS);
    return relay;
  }

  #resolve(host: string): string {
    if ((LAB_HOSTS as readonly string[]).includes(host)) return this.ns[host as LabHost];
    if (Object.values(this.ns).includes(host)) return host;
    throw new Error(`"${host}" is not a host of this lab (${Object.values(this.ns).join(', ')})`);
  }

  #assertInternetHost(address: string): void {
    if (!INTERNET_HOSTS.includes(address)) throw new Error(`${address} is not an internet host of the lab (${INTERNET_HOSTS.join(', ')})`);
  }

  #assertLive(): void {
    if (this.#destroyed) throw new Error('this lab has been destroyed');
  }
}

/** Resolves when the child prints `line`; rejects with its stderr if it exits or stays silent too long. */
function waitForLine(child: ChildProcess, line: string, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    const fail = (why: string): void => {
      cleanup();
      child.kill('SIGKILL');
      reject(new Error(`${why}: ${stderr.trim()}`));
    };
    const onStdout = (chunk: Buffer): void => {
      stdout += chunk.toString('utf8');
      if (stdout.split('\n').includes(line)) {
        cleanup();
        // Keep draining both pipes: a child blocked on a full pipe would look like a hung server.
        child.stdout?.resume();
        child.stderr?.resume();
        resolve();
      }
    };
    const onStderr = (chunk: Buffer): void => void (stderr += chunk.toString('utf8'));
    const onExit = (code: number | null): void => fail(`exited with ${code ?? 'a signal'} before "${line}"`);
    const onError = (error: Error): void => fail(`could not start: ${error.message}`);
    const timer = setTimeout(() => fail(`no "${line}" within ${timeoutMs} ms`), timeoutMs);
    const cleanup = (): void => {
      clearTimeout(timer);
      child.stdout?.off('data', onStdout);
      child.stderr?.off('data', onStderr);
      child.off('exit', onExit);
      child.off('error', onError);
    };
    child.stdout?.on('data', onStdout);
    child.stderr?.on('data', onStderr);
    child.once('exit', onExit);
    child.once('error', onError);
  });
}
