import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { helperCalls, type DefaultRoute, type HelperMessage } from '../../src/shared/helper-protocol.js';
import { LINK_RULE_PRIORITY_BASE, LINK_TABLE_BASE, parseRouteLinks, RouteManager } from '../../src/helper/routes.js';
import { HelperDriver } from './helper-driver.js';
import { HELPER_MAIN, TestNamespace, TSX } from './netns.js';

const W1 = { interface: 'w1', gateway: '198.51.100.1' };
const W2 = { interface: 'w2', gateway: '198.51.100.129' };
/** Beyond both gateways: on the peer's loopback, reached only by routing. */
const FAR = '203.0.113.10';

describe('route links on the helper command line', () => {
  it('reads at most two INTERFACE=IPV4 pairs and nothing else', () => {
    assert.deepEqual(parseRouteLinks([]), { ok: true, links: [] });
    assert.deepEqual(parseRouteLinks(['--route-link', 'w1=198.51.100.1', '--route-link', 'w2=198.51.100.129']), { ok: true, links: [W1, W2] });
    for (const argv of [
      ['--route-link'],
      ['--route-link', 'w1'],
      ['--route-link', 'w1=example.com'],
      ['--route-link', 'w1=2001:db8::1'],
      ['--route-link', '-w1=198.51.100.1'],
      ['--route-link', 'a/b=198.51.100.1'],
      ['--route-link', 'w1=198.51.100.1=x'],
      ['--route-link', 'w1=198.51.100.1', '--route-link', 'w1=198.51.100.2'],
      ['--route-link', 'a=192.0.2.1', '--route-link', 'b=192.0.2.2', '--route-link', 'c=192.0.2.3'],
      ['--route-interfaces', 'w1,w2'],
    ]) {
      assert.equal(parseRouteLinks(argv).ok, false, argv.join(' '));
    }
  });
});

describe('route calls answered without a working ip', () => {
  it('reports what went wrong as route-failed, and refuses other links before running anything', async () => {
    const ran: string[][] = [];
    const manager = new RouteManager([W1], (args) => {
      ran.push([...args]);
      return Promise.resolve(args.includes('show') ? { ok: true, stdout: 'garbage' } : { ok: false, message: 'ip: cannot run' });
    });
    assert.deepEqual(await manager.handle({ id: 1, type: 'route-get' }), { ok: false, error: { code: 'route-failed', message: 'ip route printed something unreadable' } });
    const set = await manager.handle({ id: 2, type: 'route-set-default', interface: 'w1', gateway: W1.gateway, metric: 201 });
    assert.equal(!set.ok && set.error.code, 'route-failed');
    const before = ran.length;
    const other = await manager.handle({ id: 3, type: 'route-set-default', interface: 'w2', gateway: W2.gateway, metric: 201 });
    assert.equal(!other.ok && other.error.code, 'forbidden');
    assert.equal(ran.length, before);
  });
});

const ns = TestNamespace.create('routes');
const peer = TestNamespace.create('peer');
const skip = ns && peer ? false : 'needs root and `ip netns`';

describe('the helper changing routes, in a namespace of its own', { skip, timeout: 60_000 }, () => {
  let helper: HelperDriver;
  let ready: HelperMessage;
  let nextId = 1;

  before(async () => {
    // w1, w2: the helper's links; w3: another interface, whose routes are not the helper's to change.
    for (const [name, address, peerAddress] of [
      ['w1', '198.51.100.2/25', '198.51.100.1/25'],
      ['w2', '198.51.100.130/25', '198.51.100.129/25'],
      ['w3', '192.0.2.2/24', '192.0.2.1/24'],
    ] as const) {
      ns!.ip('link', 'add', name, 'type', 'veth', 'peer', 'name', `p${name}`, 'netns', peer!.name);
      ns!.ip('addr', 'add', address, 'dev', name);
      ns!.ip('link', 'set', name, 'up');
      peer!.ip('addr', 'add', peerAddress, 'dev', `p${name}`);
      peer!.ip('link', 'set', `p${name}`, 'up');
    }
    peer!.ip('addr', 'add', `${FAR}/32`, 'dev', 'lo');
    peer!.ip('route', 'add', '198.51.100.0/24', 'dev', 'pw1');
    // Without this the peer answers ARP for FAR on any interface, and an echo bound to a link would
    // reach it without a route: only real routing may make it work here.
    execFileSync('ip', ['netns', 'exec', peer!.name, 'sh', '-c', 'echo 1 > /proc/sys/net/ipv4/conf/all/arp_ignore']);
    // Strict reverse-path filtering: replies through the link without the default route must still come in.
    execFileSync('ip', ['netns', 'exec', ns!.name, 'sh', '-c', 'echo 1 > /proc/sys/net/ipv4/conf/all/rp_filter']);
    const { command, args } = ns!.exec(...TSX, HELPER_MAIN, '--route-link', 'w1=198.51.100.1', '--route-link', 'w2=198.51.100.129');
    helper = HelperDriver.start(command, args);
    ready = await helper.next((m) => m.type !== 'reply');
  });

  after(async () => {
    if (helper) await helper.stop();
    ns?.delete();
    peer?.delete();
  });

  /** The rules leading to the first link's table, as `ip rule` would take them. */
  function linkRules(): string[] {
    const shown = execFileSync('ip', ['-n', ns!.name, '-4', '-json', 'rule', 'show'], { encoding: 'utf8' });
    const rules = JSON.parse(shown) as Array<{ priority: number; src: string; dst?: string; oif?: string; table: string }>;
    return rules
      .filter((r) => r.table === String(LINK_TABLE_BASE))
      .map((r) => {
        assert.equal(r.priority, LINK_RULE_PRIORITY_BASE);
        return [r.src !== 'all' ? `from ${r.src}` : '', r.dst ? `to ${r.dst}` : '', r.oif ? `oif ${r.oif}` : ''].filter(Boolean).join(' ');
      })
      .sort();
  }

  async function call(body: object): Promise<Extract<HelperMessage, { type: 'reply' }>> {
    const id = nextId++;
    helper.request({ id, ...body });
    return await helper.reply(id);
  }

  async function routes(): Promise<DefaultRoute[]> {
    const reply = await call({ type: 'route-get' });
    assert.ok(reply.ok, JSON.stringify(reply));
    return helperCalls['route-get'].value.parse(reply.value).routes;
  }

  async function setDefault(link: { interface: string; gateway: string }, metric = 201) {
    const reply = await call({ type: 'route-set-default', ...link, metric });
    assert.ok(reply.ok, JSON.stringify(reply));
    return helperCalls['route-set-default'].value.parse(reply.value);
  }

  it('says which links it was started with', () => {
    assert.deepEqual(ready, { type: 'ready', protocol: 1, families: ['ipv4', 'ipv6'], routeLinks: [W1, W2] });
  });

  it('reads the default routes: none yet', async () => {
    assert.deepEqual(await routes(), []);
  });

  it('makes a link the default route, and replaces it (not adds beside it) to move traffic', async () => {
    assert.deepEqual(await setDefault(W1), { verified: true, routes: [{ ...W1, metric: 201 }], detail: '' });
    assert.deepEqual(await setDefault(W2), { verified: true, routes: [{ ...W2, metric: 201 }], detail: '' });
    assert.deepEqual(await routes(), [{ ...W2, metric: 201 }]);
  });

  it('removes other default routes on its links that would win (a DHCP client adding one, say)', async () => {
    ns!.ip('route', 'add', 'default', 'via', W1.gateway, 'dev', 'w1', 'metric', '100');
    assert.deepEqual(await setDefault(W2), { verified: true, routes: [{ ...W2, metric: 201 }], detail: '' });
  });

  it('never touches a route on another interface: refuses its metric, and reports it when it wins', async () => {
    // The kernel keeps one IPv4 route per prefix and metric: `replace` would overwrite w3's.
    ns!.ip('route', 'del', 'default', 'dev', 'w2', 'metric', '201');
    ns!.ip('route', 'add', 'default', 'via', '192.0.2.1', 'dev', 'w3', 'metric', '201');
    const taken = await call({ type: 'route-set-default', ...W1, metric: 201 });
    assert.equal(!taken.ok && taken.error.code, 'route-failed');
    assert.match(!taken.ok ? taken.error.message : '', /metric 201 is taken by default via 192\.0\.2\.1 dev w3/);
    assert.deepEqual(await routes(), [{ gateway: '192.0.2.1', interface: 'w3', metric: 201 }]);
    ns!.ip('route', 'del', 'default', 'dev', 'w3', 'metric', '201');
    ns!.ip('route', 'add', 'default', 'via', '192.0.2.1', 'dev', 'w3', 'metric', '50');
    const beaten = await setDefault(W1);
    assert.equal(beaten.verified, false);
    assert.match(beaten.detail, /default via 192\.0\.2\.1 dev w3 metric 50 wins over it/);
    assert.deepEqual(await routes(), [
      { gateway: '192.0.2.1', interface: 'w3', metric: 50 },
      { ...W1, metric: 201 },
    ]);
    ns!.ip('route', 'del', 'default', 'dev', 'w3', 'metric', '50');
  });

  it('refuses an interface, or a gateway, it was not started with, and changes nothing', async () => {
    const before = await routes();
    for (const body of [
      { type: 'route-set-default', interface: 'w3', gateway: '192.0.2.1', metric: 1 },
      { type: 'route-set-default', interface: 'w1', gateway: '198.51.100.3', metric: 1 },
      { type: 'route-set-default', interface: 'eth0', gateway: '198.51.100.1', metric: 1 },
      { type: 'route-link', interface: 'w3', gateway: '192.0.2.1', target: FAR },
      { type: 'echo', interface: 'w3', address: '192.0.2.1', timeoutMs: 500 },
    ]) {
      const reply = await call(body);
      assert.equal(!reply.ok && reply.error.code, 'forbidden', JSON.stringify(body));
    }
    for (const body of [
      { type: 'route-set-default', interface: 'w1;reboot', gateway: '198.51.100.1', metric: 1 },
      { type: 'route-set-default', interface: 'w1', gateway: '198.51.100.1', metric: -1 },
      { type: 'route-set-default', interface: 'w1', gateway: '2001:db8::1', metric: 1 },
      { type: 'route-link', interface: 'w1' },
      { type: 'route-get', interface: 'w1' },
    ]) {
      const reply = await call(body);
      assert.equal(!reply.ok && reply.error.code, 'bad-request', JSON.stringify(body));
    }
    assert.deepEqual(await routes(), before);
  });

  it('probes through a link whatever the default route says, once the link has its own table and rules', async () => {
    await setDefault(W2);
    const echo = async () => {
      const reply = await call({ type: 'echo', interface: 'w1', address: FAR, timeoutMs: 500 });
      assert.ok(reply.ok, JSON.stringify(reply));
      return helperCalls.echo.value.parse(reply.value).status;
    };
    assert.equal(await echo(), 'timeout');
    for (let i = 0; i < 2; i++) {
      const reply = await call({ type: 'route-link', ...W1, target: FAR });
      assert.deepEqual(reply.ok && reply.value, { table: LINK_TABLE_BASE });
    }
    assert.equal(await echo(), 'reply');
    assert.deepEqual(linkRules(), ['from 198.51.100.2 to 203.0.113.10', 'oif w1']);
    assert.deepEqual(await routes(), [{ ...W2, metric: 201 }]);
  });

  it("follows the link's address when it changes (a new DHCP lease)", async () => {
    ns!.ip('addr', 'del', '198.51.100.2/25', 'dev', 'w1');
    ns!.ip('addr', 'add', '198.51.100.3/25', 'dev', 'w1');
    const reply = await call({ type: 'route-link', ...W1, target: FAR });
    assert.ok(reply.ok, JSON.stringify(reply));
    assert.deepEqual(linkRules(), ['from 198.51.100.3 to 203.0.113.10', 'oif w1']);
    const echo = await call({ type: 'echo', interface: 'w1', address: FAR, timeoutMs: 500 });
    assert.equal(echo.ok && helperCalls.echo.value.parse(echo.value).status, 'reply');
  });

  it('answers an echo through a link that is down as a local failure, at once', async () => {
    ns!.ip('link', 'set', 'w1', 'down');
    const started = Date.now();
    const reply = await call({ type: 'echo', interface: 'w1', address: FAR, timeoutMs: 2_000 });
    ns!.ip('link', 'set', 'w1', 'up');
    assert.deepEqual(reply.ok && reply.value, { status: 'local', code: 'ENETUNREACH', detail: 'Network is unreachable' });
    assert.ok(Date.now() - started < 1_000);
  });

  it('refuses to start with a malformed --route-link', async () => {
    const { command, args } = ns!.exec(...TSX, HELPER_MAIN, '--route-link', 'w1=not-an-address');
    const bad = HelperDriver.start(command, args);
    const first = await bad.next(() => true);
    assert.equal(first.type, 'failed');
    assert.equal(await bad.exited, 2);
  });
});
