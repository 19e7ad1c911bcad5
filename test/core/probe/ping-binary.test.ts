import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parsePingOutput, PingBinaryProber } from '../../../src/core/probe/ping-binary.js';
import { buildLab, LAB, TestNamespace } from '../../helper/netns.js';

describe('parsePingOutput (iputils texts)', () => {
  it('reads a reply, its round-trip time and who answered, IPv4 and IPv6', () => {
    const v4 = 'PING 198.51.100.7 (198.51.100.7) 56(84) bytes of data.\n64 bytes from 198.51.100.7: icmp_seq=1 ttl=63 time=12.4 ms\n';
    assert.deepEqual(parsePingOutput(0, v4, '', false), { ok: true, rttMs: 12.4, from: '198.51.100.7' });
    const v6 = 'PING ::1(::1) 56 data bytes\n64 bytes from ::1: icmp_seq=1 ttl=64 time=0.027 ms\n';
    assert.deepEqual(parsePingOutput(0, v6, '', false), { ok: true, rttMs: 0.027, from: '::1' });
  });

  it('reads an ICMP error as unreachable, in the same words as the helper', () => {
    const out = 'PING 203.0.113.9 (203.0.113.9) 56(84) bytes of data.\nFrom 192.0.2.1 icmp_seq=1 Destination Net Unreachable\n\n--- 203.0.113.9 ping statistics ---\n1 packets transmitted, 0 received, +1 errors, 100% packet loss, time 0ms\n';
    assert.deepEqual(parsePingOutput(1, out, '', false), { ok: false, reason: 'unreachable', from: '192.0.2.1', detail: 'net unreachable' });
    const out6 = 'From 2001:db8::1 icmp_seq=1 Destination unreachable: No route\n';
    assert.deepEqual(parsePingOutput(1, out6, '', false), { ok: false, reason: 'unreachable', from: '2001:db8::1', detail: 'no route' });
  });

  it('reads a failed send as local, with its errno code', () => {
    assert.deepEqual(parsePingOutput(2, '', 'ping: connect: Network is unreachable\n', false), {
      ok: false,
      reason: 'local',
      code: 'ENETUNREACH',
      detail: 'connect: Network is unreachable',
    });
    assert.deepEqual(parsePingOutput(1, 'From 198.51.100.1 icmp_seq=1 Destination Net Unreachable\n', 'ping: sendmsg: Operation not permitted\n', false), {
      ok: false,
      reason: 'local',
      code: 'EPERM',
      detail: 'sendmsg: Operation not permitted',
    });
  });

  it('tells silence (timeout) from ping not working at all (error)', () => {
    assert.deepEqual(parsePingOutput(1, '1 packets transmitted, 0 received, 100% packet loss, time 0ms\n', '', false), { ok: false, reason: 'timeout' });
    assert.deepEqual(parsePingOutput(2, '', 'ping: socket: Operation not permitted\n', false), {
      ok: false,
      reason: 'error',
      detail: 'ping: socket: Operation not permitted',
    });
    assert.deepEqual(parsePingOutput(null, '', '', true), { ok: false, reason: 'error', detail: 'ping did not finish in time' });
  });
});

const ns = TestNamespace.create('ping');
const skip = ns ? false : 'needs root and `ip netns`';

describe('PingBinaryProber in a namespace of its own', { skip, timeout: 60_000 }, () => {
  let prober: PingBinaryProber;
  before(() => {
    buildLab(ns!);
    const { command, args } = ns!.exec('ping');
    prober = new PingBinaryProber({ command, commandArgs: args });
  });
  after(async () => {
    await prober?.close();
    ns?.delete();
  });

  it('gets replies from 127.0.0.1 and ::1', async () => {
    for (const address of ['127.0.0.1', '::1']) {
      const result = await prober.probe(address, 1_000);
      assert.ok(result.ok && result.from === address && result.rttMs >= 0, JSON.stringify(result));
    }
  });

  it('times out in about the requested time, fractions of a second included', async () => {
    const started = Date.now();
    assert.deepEqual(await prober.probe(LAB.BLACKHOLE, 400), { ok: false, reason: 'timeout' });
    assert.ok(Date.now() - started < 1_500);
  });

  it('reports our own routing refusals as local, with their codes', async () => {
    assert.deepEqual(await prober.probe(LAB.NO_ROUTE, 1_000), { ok: false, reason: 'local', code: 'ENETUNREACH', detail: 'connect: Network is unreachable' });
    assert.deepEqual(await prober.probe(LAB.UNREACHABLE_ROUTE, 1_000), { ok: false, reason: 'local', code: 'EHOSTUNREACH', detail: 'connect: No route to host' });
    assert.deepEqual(await prober.probe(LAB.PROHIBITED, 1_000), { ok: false, reason: 'local', code: 'EACCES', detail: 'connect: Permission denied' });
  });

  it('reports an ICMP error as unreachable', async () => {
    assert.deepEqual(await prober.probe(LAB.REJECTING, 1_000), { ok: false, reason: 'unreachable', from: LAB.REJECTING, detail: 'net unreachable' });
    assert.deepEqual(await prober.probe(LAB.REJECTING6, 1_000), { ok: false, reason: 'unreachable', from: LAB.REJECTING6, detail: 'no route' });
  });

  it('refuses what is not an address, without running ping', async () => {
    assert.deepEqual(await prober.probe('-f', 1_000), { ok: false, reason: 'error', detail: 'not an IP address: -f' });
  });
});
