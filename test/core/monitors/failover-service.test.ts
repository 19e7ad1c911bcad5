import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { ServiceDeps } from '../../../src/core/runtime/service.js';
import { UserError } from '../../../src/core/errors.js';
import { createLogger } from '../../../src/core/log.js';
import { createFailoverService } from '../../../src/core/monitors/failover/failover-service.js';
import { readFailoverState, stateFilePath } from '../../../src/core/monitors/failover/failover-state.js';
import { readSystemJournal } from '../../../src/core/store/system-journal.js';
import { readTransitionDir } from '../../../src/core/store/transition-log.js';
import { STATUS_NAMES } from '../../../src/core/store/transition-record.js';
import type { RouteLinkSpec } from '../../../src/core/probe/route-control.js';
import type { SystemEvent } from '../../../src/shared/system-events.js';
import { FakeClock } from '../../support/fake-clock.js';
import { ScriptedProber } from '../../support/fake-network.js';
import { serviceRig } from '../../support/runtime-rig.js';
import { tempDir } from '../../support/tmp.js';
import { ActionLog, CONFIG, FakeRoutes } from './failover-fakes.js';

const LINKS = { primary: { interface: 'wan1', gateway: CONFIG.primary.gateway }, standby: { interface: 'wan2', gateway: CONFIG.standby.gateway } };

function deps(dataDir: string, clock: FakeClock, routes: FakeRoutes, seen: { links: readonly RouteLinkSpec[] | null; events: SystemEvent[] }): ServiceDeps {
  const log = createLogger('test', { write: () => undefined });
  const { bus, sessions } = serviceRig(dataDir, clock, log, []);
  bus.on(['ip-change', 'ip-unknown', 'failover'], (event) => seen.events.push(event));
  return {
    dataDir,
    prober: new ScriptedProber(clock, () => ({ kind: 'reply', rttMs: 5 })),
    clock,
    log,
    actions: new ActionLog(),
    bus,
    sessions,
    routeControl: (links) => {
      seen.links = links;
      return routes;
    },
  };
}

async function runFor(service: ReturnType<typeof createFailoverService>, clock: FakeClock, ms: number, during: () => void = () => undefined): Promise<void> {
  service.start();
  await clock.advance(ms / 2);
  during();
  await clock.advance(ms / 2);
  const stopped = service.stop();
  await clock.advance(3_000);
  await stopped;
}

describe('failover service', () => {
  it("keeps each link's own availability record, journals failovers, and remembers the active link", async () => {
    const data = tempDir();
    const clock = new FakeClock();
    const routes = new FakeRoutes(clock);
    const seen = { links: null as readonly RouteLinkSpec[] | null, events: [] as SystemEvent[] };
    const service = createFailoverService(CONFIG, deps(data, clock, routes, seen));
    assert.equal(service.name, 'failover');
    await runFor(service, clock, 20_000, () => (routes.up.wan1 = false));

    assert.deepEqual(seen.links, [LINKS.primary, LINKS.standby]);
    assert.equal(routes.closed, true);
    const statuses = (name: string) => [...readTransitionDir(join(data, name)).statuses].map((s) => STATUS_NAMES[s]);
    assert.deepEqual(statuses('fibre'), ['STARTED', 'UP', 'DOWN', 'STOPPED']);
    assert.deepEqual(statuses('lte'), ['STARTED', 'UP', 'STOPPED']);
    assert.deepEqual(JSON.parse(readFileSync(join(data, 'fibre', 'target.json'), 'utf8')), { name: 'fibre', address: '203.0.113.10' });

    const journal = readSystemJournal(data);
    assert.deepEqual(
      journal.map((e) => e.type === 'failover' && [e.kind, e.active]),
      [
        ['initial', null],
        ['switch', 'primary'],
        ['switch', 'standby'],
        ['postping', 'standby'],
      ],
    );
    assert.deepEqual(seen.events, journal);
    assert.deepEqual(readFailoverState(data, LINKS).state?.active, 'standby');
    assert.match(readFileSync(stateFilePath(data), 'utf8'), /"active": "standby"/);
  });

  it('refuses gateways and probe targets that are not IPv4', () => {
    const data = tempDir();
    const clock = new FakeClock();
    const seen = { links: null, events: [] };
    const routes = new FakeRoutes(clock);
    assert.throws(() => createFailoverService({ ...CONFIG, standby: { ...CONFIG.standby, gateway: 'fe80::1' } }, deps(data, clock, routes, seen)), UserError);
    assert.throws(() => createFailoverService({ ...CONFIG, primary: { ...CONFIG.primary, ping: '2001:db8::1' } }, deps(data, clock, routes, seen)), UserError);
  });

  it('forgets a remembered state about other links', async () => {
    const data = tempDir();
    const clock = new FakeClock();
    await runFor(createFailoverService(CONFIG, deps(data, clock, new FakeRoutes(clock), { links: null, events: [] })), clock, 6_000);
    assert.equal(readFailoverState(data, LINKS).state?.active, 'primary');
    const other = { ...LINKS, standby: { interface: 'wwan0', gateway: CONFIG.standby.gateway } };
    assert.deepEqual(readFailoverState(data, other), { state: null, problem: 'the failover links changed since the last run; starting afresh' });
  });
});
