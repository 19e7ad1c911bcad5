import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { createLogger } from '../../../src/core/log.js';
import { HelperClient, type HelperClientOptions } from '../../../src/core/probe/helper-client.js';
import { buildLab, HELPER_MAIN, LAB, TestNamespace, TSX } from '../../helper/netns.js';

const FAKE_HELPER = fileURLToPath(new URL('./fixtures/fake-helper.ts', import.meta.url));

function recordingLog() {
  const lines: string[] = [];
  return { lines, log: createLogger('probe', { write: (line) => lines.push(line), minLevel: 'debug' }) };
}

function fake(mode: string, options: Partial<HelperClientOptions> = {}) {
  const { lines, log } = recordingLog();
  const client = new HelperClient({ command: { command: TSX[0], args: [...TSX.slice(1), FAKE_HELPER, mode] }, log, backoffMs: [100, 1_000], ...options });
  return { client, lines };
}

describe('HelperClient with a helper that misbehaves', { timeout: 60_000 }, () => {
  it('drops garbage and wrong-shaped lines, logging them, and resolves probes from the valid replies', async () => {
    const { client, lines } = fake('garbage');
    try {
      const start = await client.whenStarted();
      assert.deepEqual(start.ok && start.families, ['ipv4', 'ipv6']);
      const results = await Promise.all(['198.51.100.7', '2001:db8::7', '203.0.113.1'].map((a) => client.probe(a, 1_000)));
      assert.deepEqual(results, [
        { ok: true, rttMs: 1.5, from: '198.51.100.7' },
        { ok: true, rttMs: 1.5, from: '2001:db8::7' },
        { ok: true, rttMs: 1.5, from: '203.0.113.1' },
      ]);
      assert.ok(lines.some((l) => l.includes('ignored a helper line: not JSON')));
      assert.ok(lines.some((l) => l.includes('ignored a helper line: line too long')));
      assert.ok(lines.some((l) => l.includes('ignored a helper reply with an invalid value')));
      assert.ok(lines.some((l) => l.includes('further invalid helper lines are not logged')));
    } finally {
      await client.close();
    }
  });

  it('gives up on a helper that never says ready; its probes resolve as errors', async () => {
    const { client } = fake('garbage-only', { readyTimeoutMs: 1_500 });
    try {
      const pending = client.probe('198.51.100.7', 500);
      const start = await client.whenStarted();
      assert.deepEqual(start, { ok: false, detail: 'no ready message within 1500 ms' });
      assert.deepEqual(await pending, { ok: false, reason: 'error', detail: 'the ICMP helper is not running: no ready message within 1500 ms' });
      const later = await client.probe('198.51.100.7', 500);
      assert.equal(!later.ok && later.reason, 'error');
    } finally {
      await client.close();
    }
  });

  it('reports a helper that cannot open raw sockets, and answers probes with error at once', async () => {
    const { client, lines } = fake('failed');
    try {
      assert.deepEqual(await client.whenStarted(), { ok: false, detail: 'EPERM: raw ICMP socket: Operation not permitted' });
      const started = Date.now();
      const result = await client.probe('198.51.100.7', 5_000);
      assert.equal(!result.ok && result.reason, 'error');
      assert.ok(Date.now() - started < 100);
      assert.ok(lines.some((l) => l.includes('the ICMP helper cannot work')));
    } finally {
      await client.close();
    }
  });

  it('cannot start a helper that does not exist', async () => {
    const { lines, log } = recordingLog();
    const client = new HelperClient({ command: { command: '/nonexistent/nom-helper', args: [] }, log });
    try {
      const start = await client.whenStarted();
      assert.deepEqual(start, { ok: false, detail: 'cannot run /nonexistent/nom-helper: ENOENT' });
      assert.equal((await client.probe('198.51.100.7', 100)).ok, false);
      assert.ok(lines.some((l) => l.includes('did not start')));
    } finally {
      await client.close();
    }
  });

  it('refuses a helper speaking another protocol version', async () => {
    const { client } = fake('wrong-protocol');
    try {
      assert.deepEqual(await client.whenStarted(), { ok: false, detail: 'helper speaks protocol 99, expected 1' });
    } finally {
      await client.close();
    }
  });

  it('stops re-sending a probe that kills every helper it meets', async () => {
    const { client, lines } = fake('dies-on-echo', { maxSends: 2 });
    try {
      assert.equal((await client.whenStarted()).ok, true);
      const result = await client.probe('198.51.100.7', 1_000);
      assert.deepEqual(result, { ok: false, reason: 'error', detail: 'the ICMP helper stopped 2 times while probing 198.51.100.7' });
      assert.equal(lines.filter((l) => l.includes('the ICMP helper stopped; restarting it')).length, 2);
    } finally {
      await client.close();
    }
  });

  it('refuses what is not an address or a sane timeout without bothering the helper', async () => {
    const { client } = fake('garbage');
    try {
      assert.equal((await client.probe('example.com', 1_000)).ok, false);
      assert.equal((await client.probe('198.51.100.7', 3_600_000)).ok, false);
      // Checks are remembered per field: an address that passed does not carry a bad timeout through.
      assert.equal((await client.probe('198.51.100.7', 1_000)).ok, true);
      assert.equal((await client.probe('198.51.100.7', 0)).ok, false);
      assert.equal((await client.probe('example.com', 1_000)).ok, false);
    } finally {
      await client.close();
    }
  });
});

const ns = TestNamespace.create('client');
const skip = ns ? false : 'needs root and `ip netns`';

describe('HelperClient with the real helper, in a namespace of its own', { skip, timeout: 60_000 }, () => {
  before(() => buildLab(ns!));
  after(() => ns?.delete());

  it('reports the mechanism in use and probes through it', async () => {
    const { lines, log } = recordingLog();
    const client = new HelperClient({ command: ns!.exec(...TSX, HELPER_MAIN), log });
    try {
      const start = await client.whenStarted();
      assert.deepEqual(start.ok && start.families, ['ipv4', 'ipv6']);
      assert.ok(lines.some((l) => l.includes('probing with the privileged ICMP helper')));
      const [loop, loop6, noRoute, rejected, silent] = await Promise.all([
        client.probe('127.0.0.1', 1_000),
        client.probe('::1', 1_000),
        client.probe(LAB.NO_ROUTE, 1_000),
        client.probe(LAB.REJECTING, 1_000),
        client.probe(LAB.BLACKHOLE, 300),
      ]);
      assert.equal(loop.ok && loop.from, '127.0.0.1');
      assert.equal(loop6.ok && loop6.from, '::1');
      assert.deepEqual(noRoute, { ok: false, reason: 'local', code: 'ENETUNREACH', detail: 'Network is unreachable' });
      assert.deepEqual(rejected, { ok: false, reason: 'unreachable', from: LAB.REJECTING, detail: 'net unreachable' });
      assert.deepEqual(silent, { ok: false, reason: 'timeout' });
    } finally {
      await client.close();
    }
  });

  it('restarts a helper killed mid-run and re-sends what it had not answered: every probe gets a real result', async () => {
    const { lines, log } = recordingLog();
    const client = new HelperClient({ command: ns!.exec(...TSX, HELPER_MAIN), log, backoffMs: [100, 1_000], answerGraceMs: 10_000 });
    try {
      const start = await client.whenStarted();
      assert.ok(start.ok && start.pid !== undefined);
      // Frozen, it reads none of what is sent next; killed, it never answers it.
      process.kill(start.pid, 'SIGSTOP');
      const addresses = Array.from({ length: 20 }, (_, i) => `127.0.0.${i + 1}`);
      const probes = [...addresses.map((a) => client.probe(a, 1_000)), client.probe(LAB.REJECTING, 1_000)];
      await new Promise((resolve) => setTimeout(resolve, 100));
      process.kill(start.pid, 'SIGKILL');
      const results = await Promise.all(probes);
      assert.deepEqual(
        results.slice(0, 20).map((r) => r.ok && r.from),
        addresses,
      );
      assert.equal(!results[20]!.ok && results[20]!.reason, 'unreachable');
      assert.ok(lines.some((l) => l.includes('the ICMP helper stopped; restarting it') && l.includes('in_flight=21')));
      assert.ok(lines.some((l) => l.includes('the ICMP helper is back')));
    } finally {
      await client.close();
    }
  });

  it('kills a helper that stops answering, and carries on with a new one', async () => {
    const { lines, log } = recordingLog();
    const client = new HelperClient({ command: ns!.exec(...TSX, HELPER_MAIN), log, backoffMs: [100, 1_000], answerGraceMs: 300 });
    try {
      const start = await client.whenStarted();
      assert.ok(start.ok && start.pid !== undefined);
      process.kill(start.pid, 'SIGSTOP');
      assert.deepEqual(await client.probe('127.0.0.1', 200), { ok: false, reason: 'error', detail: 'the ICMP helper did not answer within 500 ms' });
      assert.ok(lines.some((l) => l.includes('the ICMP helper is not answering; restarting it')));
      const after = await client.probe('127.0.0.1', 1_000);
      assert.equal(after.ok && after.from, '127.0.0.1');
    } finally {
      await client.close();
    }
  });

  it('ends the helper on close, and answers later probes with error', async () => {
    const { log } = recordingLog();
    const client = new HelperClient({ command: ns!.exec(...TSX, HELPER_MAIN), log });
    const start = await client.whenStarted();
    assert.ok(start.ok && start.pid !== undefined);
    await client.close();
    assert.throws(() => process.kill(start.pid!, 0), { code: 'ESRCH' });
    assert.equal((await client.probe('127.0.0.1', 100)).ok, false);
  });
});
