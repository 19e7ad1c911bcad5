import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { ProbeResult } from '../../../src/core/probe/prober.js';
import { TcpProber } from '../../../src/core/probe/tcp.js';
import { buildLab, LAB, TestNamespace, TSX } from '../../helper/netns.js';

const FIXTURE = fileURLToPath(new URL('./fixtures/tcp-probe.ts', import.meta.url));
const ns = TestNamespace.create('tcp');
const skip = ns ? false : 'needs root and `ip netns`';

/** Runs the probes inside the namespace, in one process; results in the order given. */
function probeInNamespace(port: number, probes: Array<{ address: string; timeoutMs: number }>, listen?: number): ProbeResult[] {
  const { command, args } = ns!.exec(...TSX, FIXTURE, JSON.stringify({ port, listen, probes }));
  return JSON.parse(execFileSync(command, args, { encoding: 'utf8', timeout: 20_000 })) as ProbeResult[];
}

describe('TcpProber', () => {
  it('refuses a port out of range and a target that is not an address', async () => {
    assert.throws(() => new TcpProber(0), RangeError);
    assert.throws(() => new TcpProber(65_536), RangeError);
    assert.deepEqual(await new TcpProber(80).probe('example.com', 100), { ok: false, reason: 'error', detail: 'not an IP address: example.com' });
  });
});

describe('TcpProber in a namespace of its own', { skip, timeout: 60_000 }, () => {
  before(() => buildLab(ns!));
  after(() => ns?.delete());

  it('tells answered, silent, our-side and router-reported failures apart', () => {
    const started = Date.now();
    const [accepted, refused, accepted6, silent, noRoute, prohibited, rejected, unreachableRoute] = probeInNamespace(
      4_000,
      [
        { address: '127.0.0.1', timeoutMs: 2_000 },
        { address: '127.0.0.2', timeoutMs: 2_000 },
        { address: '::1', timeoutMs: 2_000 },
        { address: LAB.BLACKHOLE, timeoutMs: 400 },
        { address: LAB.NO_ROUTE, timeoutMs: 2_000 },
        { address: LAB.PROHIBITED, timeoutMs: 2_000 },
        { address: LAB.REJECTING, timeoutMs: 2_000 },
        { address: LAB.UNREACHABLE_ROUTE, timeoutMs: 2_000 },
      ],
      4_000,
    );
    // A listener answers; a closed port answers too (RST): either way the host is there.
    assert.equal(accepted?.ok && accepted.from, '127.0.0.1');
    assert.equal(refused?.ok && refused.from, '127.0.0.2');
    assert.equal(accepted6?.ok && accepted6.from, '::1');
    assert.deepEqual(silent, { ok: false, reason: 'timeout' });
    assert.deepEqual(noRoute, { ok: false, reason: 'local', code: 'ENETUNREACH', detail: 'Network is unreachable' });
    assert.deepEqual(prohibited, { ok: false, reason: 'local', code: 'EACCES', detail: 'Permission denied' });
    // EHOSTUNREACH from our own `unreachable` route: local, though TCP's errno alone could not say so.
    assert.deepEqual(unreachableRoute, { ok: false, reason: 'local', code: 'EHOSTUNREACH', detail: 'No route to host' });
    assert.deepEqual(rejected, { ok: false, reason: 'unreachable', from: '', detail: 'net unreachable (TCP ENETUNREACH)' });
    assert.ok(Date.now() - started < 10_000);
  });
});
