import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { createLogger } from '../../src/core/log.js';
import { RouteClient, withRouteLinks } from '../../src/core/probe/route-client.js';
import { HELPER_MAIN, TestNamespace, TSX } from './netns.js';

const W1 = { interface: 'w1', gateway: '198.51.100.1' };
const W2 = { interface: 'w2', gateway: '198.51.100.129' };

describe('the helper command line for failover', () => {
  it('adds one --route-link per link after whatever starts the helper', () => {
    assert.deepEqual(withRouteLinks({ command: 'pkexec', args: ['/usr/lib/nom/helper'] }, [W1, W2]), {
      command: 'pkexec',
      args: ['/usr/lib/nom/helper', '--route-link', 'w1=198.51.100.1', '--route-link', 'w2=198.51.100.129'],
    });
  });
});

const ns = TestNamespace.create('rclient');
const peer = TestNamespace.create('rpeer');
const skip = ns && peer ? false : 'needs root and `ip netns`';

describe('RouteClient talking to a real helper, in a namespace of its own', { skip, timeout: 60_000 }, () => {
  const lines: string[] = [];
  const log = createLogger('test', { write: (line) => lines.push(line), minLevel: 'debug' });
  let client: RouteClient;

  before(() => {
    for (const [name, address, peerAddress] of [
      ['w1', '198.51.100.2/25', '198.51.100.1/25'],
      ['w2', '198.51.100.130/25', '198.51.100.129/25'],
    ] as const) {
      ns!.ip('link', 'add', name, 'type', 'veth', 'peer', 'name', `p${name}`, 'netns', peer!.name);
      ns!.ip('addr', 'add', address, 'dev', name);
      ns!.ip('link', 'set', name, 'up');
      peer!.ip('addr', 'add', peerAddress, 'dev', `p${name}`);
      peer!.ip('link', 'set', `p${name}`, 'up');
    }
    client = new RouteClient({ command: ns!.exec(...TSX, HELPER_MAIN), links: [W1, W2], log, backoffMs: [100, 1_000] });
  });

  after(async () => {
    await client?.close();
    ns?.delete();
    peer?.delete();
  });

  it('reads and sets the default route, and probes through each link', async () => {
    assert.deepEqual(await client.defaultRoutes(), { ok: true, value: [] });
    const set = await client.setDefault(W2, 201);
    assert.deepEqual(set, { ok: true, value: { verified: true, routes: [{ ...W2, metric: 201 }], detail: '' } });
    assert.deepEqual(await client.prepareLink(W1, W1.gateway), { ok: true, value: 0x6e6f6d00 });
    const probe = await client.probeVia('w1', W1.gateway, 1_000);
    assert.equal(probe.ok, true, JSON.stringify(probe));
  });

  it('passes on what the helper refuses, and refuses a bad call itself', async () => {
    assert.deepEqual(await client.probeVia('w3', '198.51.100.1', 500), { ok: false, reason: 'error', detail: 'forbidden: w3 is not a failover link of this helper' });
    const bad = await client.probeVia('w1', 'example.com', 500);
    assert.ok(!bad.ok && bad.reason === 'error' && /invalid echo call/.test(bad.detail), JSON.stringify(bad));
  });

  it('restarts a helper that dies, and works again', async () => {
    const pid = Number(/route helper ready pid=(\d+)/.exec(lines.join('\n'))?.[1]);
    assert.ok(pid > 0);
    process.kill(pid, 'SIGKILL');
    await sleep(50);
    const during = await client.defaultRoutes();
    assert.ok(!during.ok, 'calls while it is down fail at once');
    for (let i = 0; i < 50 && !(await client.defaultRoutes()).ok; i++) await sleep(100);
    assert.deepEqual(await client.defaultRoutes(), { ok: true, value: [{ ...W2, metric: 201 }] });
    assert.match(lines.join('\n'), /the route helper stopped; restarting it/);
  });

  it('will not use a helper routing through other links than asked', async () => {
    const other = new RouteClient({ command: ns!.exec(...TSX, HELPER_MAIN, '--route-link', 'w2=198.51.100.129'), links: [W1], log, backoffMs: [10_000, 10_000] });
    try {
      const answer = await other.defaultRoutes();
      assert.ok(!answer.ok && /helper routes through/.test(answer.detail), JSON.stringify(answer));
    } finally {
      await other.close();
    }
  });
});
