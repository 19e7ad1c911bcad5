import assert from 'node:assert/strict';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { helperCalls, type EchoValue } from '../../src/shared/helper-protocol.js';
import { HelperDriver } from './helper-driver.js';
import { AS_NOBODY, buildLab, HELPER_MAIN, LAB, TestNamespace, TSX } from './netns.js';

const SAYS_IF_ZOD_LOADED = fileURLToPath(new URL('./fixtures/says-if-zod-loaded.ts', import.meta.url));

const ns = TestNamespace.create('helper');
const skip = ns ? false : 'needs root and `ip netns` (the helper is only ever run inside a namespace of its own)';

describe('the helper process, in a namespace of its own', { skip, timeout: 60_000 }, () => {
  let helper: HelperDriver;
  let nextId = 1;

  before(async () => {
    buildLab(ns!);
    const { command, args } = ns!.exec(...TSX, HELPER_MAIN);
    helper = HelperDriver.start(command, args);
    const ready = await helper.next((m) => m.type !== 'reply');
    assert.deepEqual(ready, { type: 'ready', protocol: 1, families: ['ipv4', 'ipv6'] });
  });

  after(async () => {
    if (helper) await helper.stop();
    ns?.delete();
  });

  async function echo(address: string, timeoutMs = 1_000): Promise<EchoValue> {
    const id = nextId++;
    helper.request({ id, type: 'echo', address, timeoutMs });
    const reply = await helper.reply(id);
    assert.ok(reply.ok, `echo ${address} failed: ${JSON.stringify(reply)}`);
    return helperCalls.echo.value.parse(reply.value);
  }

  it('gets echo replies from 127.0.0.1 and ::1, with a round-trip time', async () => {
    for (const address of ['127.0.0.1', '::1']) {
      const value = await echo(address);
      assert.equal(value.status, 'reply');
      assert.ok(value.status === 'reply' && value.from === address && value.rttMs >= 0 && value.rttMs < 100);
    }
  });

  it('matches many concurrent echoes to several addresses, each to its own answer', async () => {
    const addresses = Array.from({ length: 8 }, (_, i) => `127.0.0.${i + 1}`);
    const sent = addresses.flatMap((address) => Array.from({ length: 50 }, () => address));
    const values = await Promise.all(sent.map((address) => echo(address, 5_000)));
    values.forEach((value, i) => assert.deepEqual(value.status === 'reply' && value.from, sent[i]));
  });

  it('reports an address with no route as local ENETUNREACH, without waiting', async () => {
    const started = Date.now();
    assert.deepEqual(await echo(LAB.NO_ROUTE, 5_000), { status: 'local', code: 'ENETUNREACH', detail: 'Network is unreachable' });
    assert.ok(Date.now() - started < 1_000);
  });

  it('reports a prohibit route as local EACCES', async () => {
    assert.deepEqual(await echo(LAB.PROHIBITED), { status: 'local', code: 'EACCES', detail: 'Permission denied' });
  });

  it('reports an ICMP error as unreachable, with who sent it and why, never as success', async () => {
    assert.deepEqual(await echo(LAB.REJECTING), { status: 'unreachable', from: LAB.REJECTING, icmpType: 3, icmpCode: 0, detail: 'net unreachable' });
    assert.deepEqual(await echo(LAB.REJECTING6), {
      status: 'unreachable',
      from: LAB.REJECTING6,
      icmpType: 1,
      icmpCode: 0,
      detail: 'no route to destination',
    });
  });

  it('times out an unanswered echo within the requested time', async () => {
    for (const address of [LAB.BLACKHOLE, LAB.BLACKHOLE6]) {
      const started = Date.now();
      assert.deepEqual(await echo(address, 300), { status: 'timeout' });
      const took = Date.now() - started;
      assert.ok(took >= 290 && took < 800, `took ${took} ms`);
    }
  });

  it('answers malformed lines with errors, with the id when it can read one, and keeps working', async () => {
    const before = helper.messages.filter((m) => m.type === 'reply' && m.id === null).length;
    helper.write('this is not JSON');
    helper.write('[1,2,3]');
    helper.write(JSON.stringify({ type: 'echo', address: '127.0.0.1', timeoutMs: 100 }));
    helper.write('x'.repeat(10_000));
    helper.request({ id: 1_000_001, type: 'set-route', iface: 'eth0' });
    helper.request({ id: 1_000_002, type: 'echo', address: '127.0.0.1', timeoutMs: 3_600_000 });
    helper.request({ id: 1_000_003, type: 'echo', address: 'example.com', timeoutMs: 100 });
    helper.request({ id: 1_000_004, type: 'echo', address: '127.0.0.1', timeoutMs: 100, extra: true });
    helper.request({ id: 1_000_005, type: 'echo', address: '127.0.0.1', timeoutMs: 100, payloadSize: 100_000 });
    for (const id of [1_000_001, 1_000_002, 1_000_003, 1_000_004, 1_000_005]) {
      const reply = await helper.reply(id);
      assert.equal(reply.ok, false, `request ${id}`);
      assert.equal(!reply.ok && reply.error.code, 'bad-request');
    }
    assert.deepEqual((await echo('127.0.0.1')).status, 'reply');
    const anonymous = helper.messages.filter((m) => m.type === 'reply' && m.id === null).length - before;
    assert.equal(anonymous, 4);
    assert.deepEqual(helper.invalid, []);
  });

  it('refuses a request id that is already in flight', async () => {
    helper.request({ id: 2_000_000, type: 'echo', address: LAB.BLACKHOLE, timeoutMs: 300 });
    helper.request({ id: 2_000_000, type: 'echo', address: '127.0.0.1', timeoutMs: 300 });
    const first = await helper.reply(2_000_000);
    assert.equal(!first.ok && first.error.code, 'duplicate-id');
  });

  it('sustains a burst of echoes (figure reported as a diagnostic)', async (t) => {
    const count = 5_000;
    const started = process.hrtime.bigint();
    const values = await Promise.all(Array.from({ length: count }, (_, i) => echo(`127.0.${(i >> 8) & 0xff}.${(i & 0xff) || 1}`, 10_000)));
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    assert.equal(values.filter((v) => v.status === 'reply').length, count);
    t.diagnostic(`${count} echoes in ${seconds.toFixed(2)} s: ${Math.round(count / seconds)} echoes/s through one helper`);
  });

  it('loads no schema library while it only echoes, and loads it for the first request that needs it', async () => {
    const run = async (lines: object[]): Promise<string> => {
      const { command, args } = ns!.exec(...TSX, '--import', SAYS_IF_ZOD_LOADED, HELPER_MAIN);
      const fresh = HelperDriver.start(command, args);
      let stderr = '';
      fresh.child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      await fresh.next((m) => m.type === 'ready');
      for (const line of lines) fresh.request(line);
      await Promise.all(lines.map((_, i) => fresh.reply(i + 1)));
      await Promise.all([fresh.stop(), once(fresh.child.stderr, 'end')]);
      return stderr.trim();
    };
    const echoes = [{ id: 1, type: 'echo', address: '127.0.0.1', timeoutMs: 500 }, { id: 2, type: 'echo', address: '::1', timeoutMs: 500, payloadSize: 64 }];
    assert.equal(await run(echoes), 'zod loaded: false');
    assert.equal(await run([...echoes, { id: 3, type: 'echo', address: '127.0.0.1', timeoutMs: 0 }]), 'zod loaded: true');
  });

  it('run without privilege, says it cannot open raw sockets (EPERM) and exits non-zero', async () => {
    const { command, args } = ns!.exec(...AS_NOBODY, ...TSX, HELPER_MAIN);
    const unprivileged = HelperDriver.start(command, args);
    const first = await unprivileged.next(() => true);
    assert.deepEqual(first, { type: 'failed', error: { code: 'EPERM', message: 'raw ICMP socket: Operation not permitted' } });
    assert.equal(await unprivileged.exited, 1);
  });

  it('exits cleanly when its stdin closes', async () => {
    assert.equal(await helper.stop(), 0);
  });
});

