import type { ChildProcess } from 'node:child_process';
import type { CommandResult } from './commands.js';
import { mustRun } from './commands.js';
import { deleteNamespaces, labPrefix, registerCleanup } from './cleanup.js';
import { buildDualWan, DUAL_WAN_ADDRESSES, DUAL_WAN_HOSTS, setWanState } from './dual-wan-topology.js';
import type { DualWanHost, DualWanNamespaces, WanFault, WanRole } from './dual-wan-topology.js';
import { ProcessSet } from './processes.js';
import type { LabExecOptions, LabSpawnOptions } from './processes.js';
import { startWatchdog } from './watchdog.js';
import type { Watchdog } from './watchdog.js';

export type { DualWanHost, DualWanNamespaces, WanFault, WanRole } from './dual-wan-topology.js';

export interface DefaultRouteSeen {
  gateway?: string;
  dev?: string;
  metric?: number;
}

const STOP_GRACE_MS = 1_000;

/**
 * A private dual-WAN network for failover: imrouter with two WAN links, each to its own ISP
 * router, both ISPs reaching one internet with a target. Every host is a network namespace with
 * documentation addresses, nothing is linked to the host's interfaces, and the namespaces go away
 * on every exit path, as with Lab (see DESIGN.md "Network safety in tests").
 */
export class DualWanLab {
  readonly ns: DualWanNamespaces;
  readonly addr = DUAL_WAN_ADDRESSES;
  readonly #processes = new ProcessSet();
  readonly #unregister: () => void;
  readonly #watchdog: Watchdog;
  #destroyed: Promise<void> | undefined;

  private constructor(ns: DualWanNamespaces) {
    this.ns = ns;
    const namespaces = Object.values(ns);
    this.#unregister = registerCleanup({ namespaces, livePids: () => this.#processes.livePids() });
    this.#watchdog = startWatchdog(namespaces);
  }

  static async create(label = 'dualwan'): Promise<DualWanLab> {
    const prefix = labPrefix(label);
    const ns = Object.freeze(Object.fromEntries(DUAL_WAN_HOSTS.map((host) => [host, `${prefix}-${host}`])) as Record<DualWanHost, string>);
    // Registered before the first namespace exists, so a failure half-way still cleans up.
    const lab = new DualWanLab(ns);
    try {
      await buildDualWan(ns);
    } catch (error) {
      await lab.destroy();
      throw error;
    }
    return lab;
  }

  /** Breaks one WAN link: its cable (`wan`) or its ISP's way to the internet (`uplink`). */
  async fail(role: WanRole, fault: WanFault): Promise<void> {
    this.#assertLive();
    await setWanState(this.ns, role, fault, false);
  }

  async restore(role: WanRole, fault: WanFault): Promise<void> {
    this.#assertLive();
    await setWanState(this.ns, role, fault, true);
  }

  /** imrouter's IPv4 default routes, as `ip -json route` shows them. */
  async defaultRoutes(): Promise<DefaultRouteSeen[]> {
    this.#assertLive();
    return JSON.parse((await mustRun('ip', ['-n', this.ns.imrouter, '-4', '-json', 'route', 'show', 'default'])) || '[]') as DefaultRouteSeen[];
  }

  /** Removes every default route from imrouter (what a reboot, or a network manager, may do). */
  async clearDefaultRoutes(): Promise<void> {
    for (const route of await this.defaultRoutes()) {
      await mustRun('ip', ['-n', this.ns.imrouter, '-4', 'route', 'del', 'default', ...(route.dev ? ['dev', route.dev] : []), 'metric', String(route.metric ?? 0)]);
    }
  }

  /** One echo from imrouter along its default route, as LAN traffic would go. */
  async reachesInternet(address: string = this.addr.target, waitSeconds = 1): Promise<boolean> {
    const result = await this.exec('imrouter', 'ping', ['-n', '-c', '1', '-W', String(waitSeconds), address], { timeoutMs: (waitSeconds + 5) * 1000 });
    return result.code === 0;
  }

  spawn(host: DualWanHost, command: string, args: readonly string[] = [], options: LabSpawnOptions = {}): ChildProcess {
    this.#assertLive();
    return this.#processes.spawn(this.ns[host], command, args, options);
  }

  async exec(host: DualWanHost, command: string, args: readonly string[] = [], options: LabExecOptions = {}): Promise<CommandResult> {
    this.#assertLive();
    return await this.#processes.exec(this.ns[host], command, args, options);
  }

  /** Stops every lab process (SIGTERM, then SIGKILL), then deletes the namespaces. Safe to call twice. */
  destroy(): Promise<void> {
    this.#destroyed ??= (async () => {
      try {
        await this.#processes.stopAll(STOP_GRACE_MS);
        await deleteNamespaces(Object.values(this.ns));
      } finally {
        this.#unregister();
        this.#watchdog.dismiss();
      }
    })();
    return this.#destroyed;
  }

  #assertLive(): void {
    if (this.#destroyed) throw new Error('this lab has been destroyed');
  }
}
