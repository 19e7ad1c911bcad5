import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createLogger } from '../../../src/core/log.js';
import { FailoverMonitor } from '../../../src/core/monitors/failover/failover-monitor.js';
import type { FailoverState } from '../../../src/core/monitors/failover/failover-state.js';
import type { Role } from '../../../src/core/monitors/failover/failover-policy.js';
import type { FailoverConfig } from '../../../src/shared/config-schema.js';
import type { MonitorEvent } from '../../../src/shared/events.js';
import type { DefaultRoute } from '../../../src/shared/helper-protocol.js';
import type { FailoverEvent } from '../../../src/shared/system-events.js';
import { FakeClock } from '../../support/fake-clock.js';
import { ScriptedProber } from '../../support/fake-network.js';
import { ActionLog, ADDRESSES, CONFIG, FakeRoutes } from './failover-fakes.js';

const PRIMARY_ROUTE: DefaultRoute = { gateway: CONFIG.primary.gateway, interface: 'wan1', metric: 201 };
const STANDBY_ROUTE: DefaultRoute = { gateway: CONFIG.standby.gateway, interface: 'wan2', metric: 201 };

function remembered(active: Role | null, bothDownReported = false): FailoverState {
  return {
    version: 1,
    links: { primary: { interface: 'wan1', gateway: CONFIG.primary.gateway }, standby: { interface: 'wan2', gateway: CONFIG.standby.gateway } },
    active,
    since: 1_700_000_000,
    bothDownReported,
  };
}

function setup(options: { config?: Partial<FailoverConfig>; kernel?: DefaultRoute[]; remembered?: FailoverState | null } = {}) {
  const clock = new FakeClock();
  const routes = new FakeRoutes(clock);
  routes.kernel = options.kernel ?? [];
  const actions = new ActionLog();
  const events: FailoverEvent[] = [];
  const linkEvents: Array<{ role: Role; event: MonitorEvent }> = [];
  const states: FailoverState[] = [];
  const prober = new ScriptedProber(clock, (address) => (address === '203.0.113.20' ? { kind: 'reply', rttMs: 5 } : { kind: 'drop' }));
  const config = { ...CONFIG, ...options.config };
  const monitor = new FailoverMonitor({
    config,
    targets: { primary: { probe: '203.0.113.10', postping: null }, standby: { probe: '203.0.113.10', postping: '203.0.113.20' } },
    routes,
    prober,
    clock,
    log: createLogger('test', { write: () => undefined }),
    actions,
    remembered: options.remembered ?? null,
    interfaceAddress: (name) => ADDRESSES[name] ?? '',
    emit: (event) => events.push(event),
    emitLink: (role, event) => linkEvents.push({ role, event }),
    saveState: (state) => states.push(state),
  });
  /** Advances in small steps until the kernel's winning route goes through `iface`; returns how long that took. */
  const until = async (iface: string, limitMs: number): Promise<number> => {
    const from = clock.now();
    while (routes.winner() !== iface) {
      if (clock.now() - from > limitMs) assert.fail(`no route via ${iface} within ${limitMs} ms (winner: ${routes.winner()})`);
      await clock.advance(20);
    }
    return clock.now() - from;
  };
  const sets = () => routes.calls.filter((c) => c.startsWith('set'));
  /** Probes in flight settle on the fake clock, so it must keep moving while the monitor stops. */
  const stop = async () => {
    const stopped = monitor.stop();
    await clock.advance(3_000);
    await stopped;
  };
  return { clock, routes, actions, events, linkEvents, states, monitor, prober, until, sets, stop };
}

const info = (role: Role) =>
  role === 'primary'
    ? { name: 'fibre', role: 'Primary', interface: 'wan1', address: ADDRESSES.wan1 }
    : { name: 'lte', role: 'Standby', interface: 'wan2', address: ADDRESSES.wan2 };

describe('failover monitor', () => {
  it('starts on the primary when no route of ours is in use, after telling the script each link state', async () => {
    const t = setup();
    t.monitor.start();
    await t.until('wan1', 3_000);
    assert.deepEqual(t.actions.calls, [
      { command: 'failover-initial', link: info('primary'), state: 'online' },
      { command: 'failover-initial', link: info('standby'), state: 'online' },
      { command: 'failover-primary', link: info('primary') },
    ]);
    assert.deepEqual(
      t.events.map((e) => [e.kind, e.active, e.verified]),
      [
        ['initial', null, undefined],
        ['switch', 'primary', true],
      ],
    );
    assert.deepEqual(t.events[0]?.primary, { up: true, address: ADDRESSES.wan1 });
    assert.deepEqual(t.routes.kernel, [PRIMARY_ROUTE]);
    assert.deepEqual(t.routes.calls.slice(0, 3), ['get', 'prepare wan1', 'prepare wan2']);
    await t.stop();
  });

  it('probes each link through itself, every interval', async () => {
    const t = setup({ kernel: [PRIMARY_ROUTE] });
    t.monitor.start();
    await t.clock.advance(10_000);
    for (const iface of ['wan1', 'wan2']) {
      const count = t.routes.probes.filter((p) => p.interfaceName === iface).length;
      assert.ok(count >= 10 && count <= 11, `${iface}: ${count} probes in 10 s`);
    }
    await t.stop();
  });

  it('moves traffic to the standby within 3 s of the primary dying, and never for one lost packet', async () => {
    const t = setup({ kernel: [PRIMARY_ROUTE] });
    t.monitor.start();
    await t.clock.advance(5_000);
    t.routes.drop.wan1 = 1;
    await t.clock.advance(10_000);
    assert.equal(t.routes.winner(), 'wan1');
    assert.deepEqual(t.sets(), []);

    t.routes.up.wan1 = false;
    const took = await t.until('wan2', 3_000);
    assert.ok(took <= 3_000, `${took} ms`);
    await t.clock.advance(100);
    assert.deepEqual(t.actions.calls.at(-1), { command: 'failover-postping', link: info('standby'), online: true });
    assert.deepEqual(t.actions.calls.at(-2), { command: 'failover-standby', link: info('standby') });
    assert.deepEqual(t.events.at(-1), {
      type: 'failover',
      at: Math.floor(t.clock.now() / 1000),
      kind: 'postping',
      active: 'standby',
      primary: { up: false, address: ADDRESSES.wan1 },
      standby: { up: true, address: ADDRESSES.wan2 },
      postping: { address: '203.0.113.20', online: true },
    });
    assert.equal(t.states.at(-1)?.active, 'standby');
    const down = t.linkEvents.find((e) => e.role === 'primary' && e.event.type === 'transition' && e.event.status === 'DOWN');
    assert.ok(down, 'the primary link recorded DOWN');
    await t.stop();
  });

  it('fails back only after failbackAfter seconds of unbroken primary success', async () => {
    const t = setup({ kernel: [PRIMARY_ROUTE] });
    t.monitor.start();
    await t.clock.advance(3_000);
    t.routes.up.wan1 = false;
    await t.until('wan2', 3_000);

    t.routes.up.wan1 = true;
    await t.clock.advance(20_000);
    t.routes.up.wan1 = false;
    await t.clock.advance(5_000);
    t.routes.up.wan1 = true;
    await t.clock.advance(25_000);
    assert.equal(t.routes.winner(), 'wan2', 'a primary that broke off 25 s ago has not earned traffic back');
    const took = await t.until('wan1', 10_000);
    assert.ok(took <= 7_000, `failback ${took} ms after the 25 s mark`);
    assert.deepEqual(t.actions.calls.at(-1), { command: 'failover-primary', link: info('primary') });
    assert.match(t.events.at(-1)?.detail ?? '', /the primary link has been up for 3\d s/);
    await t.stop();
  });

  it('stays on the standby when the primary is not preferred, until the standby fails', async () => {
    const t = setup({ kernel: [PRIMARY_ROUTE], config: { preferPrimary: false } });
    t.monitor.start();
    await t.clock.advance(3_000);
    t.routes.up.wan1 = false;
    await t.until('wan2', 3_000);
    t.routes.up.wan1 = true;
    await t.clock.advance(120_000);
    assert.equal(t.routes.winner(), 'wan2');
    t.routes.up.wan2 = false;
    await t.until('wan1', 3_000);
    await t.stop();
  });

  it('reports both links down once, not every round, and again only after one came back', async () => {
    const t = setup({ kernel: [PRIMARY_ROUTE] });
    t.monitor.start();
    await t.clock.advance(3_000);
    t.routes.up.wan1 = false;
    t.routes.up.wan2 = false;
    await t.clock.advance(30_000);
    const bothDown = () => t.actions.calls.filter((c) => c.command === 'failover-bothdown');
    assert.deepEqual(bothDown(), [{ command: 'failover-bothdown', primary: info('primary'), standby: info('standby') }]);
    assert.equal(t.events.filter((e) => e.kind === 'both-down').length, 1);
    assert.equal(t.states.at(-1)?.bothDownReported, true);
    assert.deepEqual(t.sets(), [], 'no route is worth changing to');

    t.routes.up.wan2 = true;
    await t.until('wan2', 3_000);
    t.routes.up.wan2 = false;
    await t.clock.advance(10_000);
    assert.equal(bothDown().length, 2);
    await t.stop();
  });

  it("keeps the kernel's route at start: a restart moves no traffic, and failback still waits", async () => {
    const t = setup({ kernel: [STANDBY_ROUTE], remembered: remembered('standby') });
    t.monitor.start();
    await t.clock.advance(20_000);
    assert.deepEqual(t.sets(), []);
    assert.equal(t.events[0]?.kind, 'initial');
    assert.equal(t.events[0]?.active, 'standby');
    await t.until('wan1', 15_000);
    await t.stop();
  });

  it('after a reboot (no route), restores the link that carried traffic, not the primary at once', async () => {
    const t = setup({ kernel: [], remembered: remembered('standby', true) });
    t.monitor.start();
    await t.until('wan2', 3_000);
    await t.clock.advance(100);
    assert.deepEqual(t.actions.commands().slice(2), ['failover-standby', 'failover-postping']);
    assert.equal(t.states.at(-1)?.bothDownReported, false, 'a link is up: both-down is over');
    await t.until('wan1', 35_000);
    await t.stop();
  });

  it('journals a route change that fails once, and tries again every 10 s', async () => {
    const t = setup();
    t.routes.setFails = 'route-failed: ip -4 route replace …: RTNETLINK answers: Operation not permitted';
    t.monitor.start();
    await t.clock.advance(25_000);
    assert.equal(t.sets().length, 3);
    const failed = t.events.filter((e) => e.kind === 'switch');
    assert.equal(failed.length, 1);
    assert.equal(failed[0]?.verified, false);
    assert.match(failed[0]?.detail ?? '', /Operation not permitted/);
    assert.ok(!t.actions.commands().includes('failover-primary'));
    t.routes.setFails = null;
    await t.until('wan1', 11_000);
    assert.equal(t.events.at(-1)?.verified, true);
    await t.stop();
  });

  it('puts back a default route removed behind its back', async () => {
    const t = setup({ kernel: [PRIMARY_ROUTE] });
    t.monitor.start();
    await t.clock.advance(3_000);
    t.routes.kernel = [];
    await t.until('wan1', 11_000);
    await t.stop();
  });

  it('sets up per-link routing again when probes through a link fail, at most once an interval', async () => {
    const t = setup({ kernel: [PRIMARY_ROUTE] });
    t.monitor.start();
    await t.clock.advance(3_000);
    const prepared = () => t.routes.calls.filter((c) => c === 'prepare wan2').length;
    const before = prepared();
    t.routes.up.wan2 = false;
    await t.clock.advance(10_000);
    const again = prepared() - before;
    assert.ok(again >= 5 && again <= 11, `${again} in 10 s`);
    await t.stop();
  });
});
