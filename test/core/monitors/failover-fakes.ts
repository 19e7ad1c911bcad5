import type { ActionCall } from '../../../src/core/actions/action-call.js';
import type { ProbeResult } from '../../../src/core/probe/prober.js';
import type { RouteCallResult, RouteControl, RouteLinkSpec } from '../../../src/core/probe/route-control.js';
import type { FailoverConfig } from '../../../src/shared/config-schema.js';
import type { DefaultRoute, RouteSetDefaultValue } from '../../../src/shared/helper-protocol.js';
import type { FakeClock } from '../../support/fake-clock.js';

export const CONFIG: FailoverConfig = {
  enabled: true,
  interval: 1,
  pingcount: 1,
  pingwait: 1,
  preferPrimary: true,
  metric: 201,
  failbackAfter: 30,
  primary: { name: 'fibre', interface: 'wan1', gateway: '198.51.100.1', ping: '203.0.113.10', postping: null },
  standby: { name: 'lte', interface: 'wan2', gateway: '198.51.100.129', ping: '203.0.113.10', postping: '203.0.113.20' },
};

export const ADDRESSES: Record<string, string> = { wan1: '198.51.100.2', wan2: '198.51.100.130' };

/**
 * The kernel and the helper as the failover monitor sees them: a main table of default routes
 * changed the way the helper changes it, and probes through each link answered while the link
 * is up. Every call is logged so tests can say what was (not) done.
 */
export class FakeRoutes implements RouteControl {
  kernel: DefaultRoute[] = [];
  readonly up: Record<string, boolean> = { wan1: true, wan2: true };
  /** Probes lost on a link regardless of its state, for "one lost packet". */
  readonly drop: Record<string, number> = { wan1: 0, wan2: 0 };
  readonly calls: string[] = [];
  readonly probes: Array<{ interfaceName: string; at: number }> = [];
  setFails: string | null = null;
  closed = false;

  constructor(private readonly clock: FakeClock) {}

  defaultRoutes(): Promise<RouteCallResult<DefaultRoute[]>> {
    this.calls.push('get');
    return Promise.resolve({ ok: true, value: this.kernel.map((r) => ({ ...r })) });
  }

  setDefault(link: RouteLinkSpec, metric: number): Promise<RouteCallResult<RouteSetDefaultValue>> {
    this.calls.push(`set ${link.interface}`);
    if (this.setFails !== null) return Promise.resolve({ ok: false, detail: this.setFails });
    const links = [CONFIG.primary.interface, CONFIG.standby.interface];
    this.kernel = [
      ...this.kernel.filter((r) => r.metric !== metric && !links.includes(r.interface ?? '')),
      { gateway: link.gateway, interface: link.interface, metric },
    ].sort((a, b) => a.metric - b.metric);
    return Promise.resolve({ ok: true, value: { verified: true, routes: this.kernel.map((r) => ({ ...r })), detail: '' } });
  }

  prepareLink(link: RouteLinkSpec, _target: string): Promise<RouteCallResult<number>> {
    this.calls.push(`prepare ${link.interface}`);
    return Promise.resolve({ ok: true, value: 1 });
  }

  probeVia(interfaceName: string, _address: string, timeoutMs: number): Promise<ProbeResult> {
    this.probes.push({ interfaceName, at: this.clock.now() });
    const lost = (this.drop[interfaceName] ?? 0) > 0;
    if (lost) this.drop[interfaceName]!--;
    const answered = this.up[interfaceName] === true && !lost;
    return new Promise((resolve) => {
      if (answered) this.clock.setTimeout(() => resolve({ ok: true, rttMs: 10, from: '203.0.113.10' }), 10);
      else this.clock.setTimeout(() => resolve({ ok: false, reason: 'timeout' }), timeoutMs);
    });
  }

  close(): Promise<void> {
    this.closed = true;
    return Promise.resolve();
  }

  /** Which link's route wins now, by interface. */
  winner(): string | null {
    return this.kernel[0]?.interface ?? null;
  }
}

export class ActionLog {
  readonly calls: ActionCall[] = [];

  call(action: ActionCall): void {
    this.calls.push(action);
  }

  commands(): string[] {
    return this.calls.map((c) => c.command);
  }
}
