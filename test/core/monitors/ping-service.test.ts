import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { ActionCall } from '../../../src/core/actions/action-call.js';
import type { ServiceDeps } from '../../../src/core/runtime/service.js';
import { UserError } from '../../../src/core/errors.js';
import { createLogger } from '../../../src/core/log.js';
import { createPingService, type PingServiceOptions } from '../../../src/core/monitors/ping/ping-service.js';
import { readSamples, sampleAt } from '../../../src/core/store/samples-reader.js';
import type { PingConfig } from '../../../src/shared/config-schema.js';
import { pingSampleEvent, type PingSampleEvent } from '../../../src/shared/ping-events.js';
import { FakeClock } from '../../support/fake-clock.js';
import { ScriptedProber, seededRandom, type Network } from '../../support/fake-network.js';
import { serviceRig } from '../../support/runtime-rig.js';
import { tempDir } from '../../support/tmp.js';

const NOON = Date.UTC(2025, 9, 10, 12, 0, 0);
const TARGET = '203.0.113.10';

interface Rig {
  clock: FakeClock;
  prober: ScriptedProber;
  dataDir: string;
  actions: ActionCall[];
  samples: PingSampleEvent[];
  log: string[];
}

function rig(network: Network, config: Partial<PingConfig> = {}, options: PingServiceOptions = {}, dataDir = tempDir()) {
  const clock = new FakeClock(NOON);
  const prober = new ScriptedProber(clock, network);
  const r: Rig = { clock, prober, dataDir, actions: [], samples: [], log: [] };
  const log = createLogger('test', { write: (line) => r.log.push(line), minLevel: 'debug' });
  const { bus, sessions, events } = serviceRig(dataDir, clock, log, ['ping-sample']);
  r.samples = events;
  const deps: ServiceDeps = { dataDir, prober, clock, log, actions: { call: (action) => r.actions.push(action) }, bus, sessions };
  const full: PingConfig = { enabled: true, interval: 10, pingcount: 5, pingwait: 1, targets: [{ name: 'isp', address: TARGET }], ...config };
  const service = createPingService(full, deps, options);
  /** Stops the service while time runs on, so the round in flight can finish. */
  const stop = async (): Promise<void> => {
    const stopped = service.stop();
    await clock.advance(5_000);
    await stopped;
  };
  return { ...r, service, stop };
}

const stored = (dataDir: string, name = 'isp') => {
  const series = readSamples(join(dataDir, name));
  return Array.from({ length: series.at.length }, (_, i) => sampleAt(series, i));
};

describe('the ping service', () => {
  it('sends pingcount requests a little apart every interval, each waiting pingwait', async () => {
    const r = rig(() => ({ kind: 'reply', rttMs: 20 }));
    r.service.start();
    await r.clock.advance(10_500);
    await r.stop();
    assert.deepEqual(
      r.prober.sent.map((p) => [p.address, p.at - NOON, p.timeoutMs]),
      [0, 200, 400, 600, 800, 10_000, 10_200, 10_400, 10_600, 10_800].map((t) => [TARGET, t, 1000]),
    );
  });

  it("calls the action script with imon's ping-result once per interval", async () => {
    let n = 0;
    const r = rig(() => ({ kind: 'reply', rttMs: [10, 14, 11, 19, 16][n++ % 5]! }));
    r.service.start();
    await r.clock.advance(25_000);
    await r.stop();
    assert.equal(r.actions.length, 3);
    assert.deepEqual(r.actions[0], { command: 'ping-result', address: TARGET, alive: true, minMs: 10, avgMs: 14, maxMs: 19, loss: 0, jitterMs: 4.5 });
  });

  it('writes one sample per minute, once the minute is over, and tells live views', async () => {
    const r = rig(() => ({ kind: 'reply', rttMs: 20 }));
    r.service.start();
    await r.clock.advance(59_000);
    assert.deepEqual(stored(r.dataDir), [], 'nothing before the minute ends');
    await r.clock.advance(1_000);
    assert.deepEqual(stored(r.dataDir), [{ at: NOON / 1000, sent: 30, received: 30, minMs: 20, avgMs: 20, maxMs: 20, jitterMs: 0 }]);
    assert.deepEqual(r.samples, [
      { type: 'ping-sample', target: 'isp', address: TARGET, at: NOON / 1000, sent: 30, received: 30, min_ms: 20, avg_ms: 20, max_ms: 20, jitter_ms: 0 },
    ]);
    assert.ok(pingSampleEvent.safeParse(r.samples[0]).success);
    await r.stop();
  });

  it('records the share of requests lost', async () => {
    const random = seededRandom(7);
    let dropped = 0;
    const r = rig(() => (random() < 0.2 ? (dropped++, { kind: 'drop' }) : { kind: 'reply', rttMs: 30 }), { interval: 1 });
    r.service.start();
    await r.clock.advance(120_000);
    await r.stop();
    const minutes = stored(r.dataDir);
    const sent = minutes.reduce((n, s) => n + s.sent, 0);
    const received = minutes.reduce((n, s) => n + s.received, 0);
    assert.equal(sent, r.prober.sent.length);
    assert.equal(sent - received, dropped);
    assert.ok(dropped > 0.15 * sent && dropped < 0.25 * sent, `${dropped} of ${sent}`);
  });

  it('records a target that never answers as all lost, with no round-trip figures', async () => {
    const r = rig(() => ({ kind: 'drop' }));
    r.service.start();
    await r.clock.advance(61_000);
    await r.stop();
    assert.deepEqual(stored(r.dataDir)[0], { at: NOON / 1000, sent: 30, received: 0, minMs: null, avgMs: null, maxMs: null, jitterMs: null });
    assert.ok(r.actions.every((a) => a.command === 'ping-result' && !a.alive && a.loss === 1));
  });

  it('counts ICMP errors from a router as lost requests', async () => {
    let n = 0;
    const r = rig(() => (n++ % 5 === 0 ? { kind: 'unreachable', from: '198.51.100.2', afterMs: 3 } : { kind: 'reply', rttMs: 25 }));
    r.service.start();
    await r.clock.advance(61_000);
    await r.stop();
    const [first] = stored(r.dataDir);
    assert.equal(first?.sent, 30);
    assert.equal(first?.received, 24);
    assert.ok(r.actions.every((a) => a.command === 'ping-result' && a.loss === 0.2));
  });

  it('reports nothing for a round whose requests could not be sent at all', async () => {
    const r = rig(() => ({ kind: 'error' }));
    r.service.start();
    await r.clock.advance(61_000);
    await r.stop();
    assert.deepEqual(r.actions, []);
    assert.deepEqual(stored(r.dataDir), []);
    assert.equal(r.log.filter((l) => l.includes('could be sent')).length, 1, 'said once, not every round');
  });

  it('on stop, waits for the round in flight and writes the part of the minute watched', async () => {
    const r = rig(() => ({ kind: 'reply', rttMs: 700 }));
    r.service.start();
    await r.clock.advance(20_100);
    const stopped = r.service.stop();
    await r.clock.advance(2_000);
    await stopped;
    assert.deepEqual(stored(r.dataDir).map((s) => [s.sent, s.received]), [[15, 15]]);
    const probes = r.prober.sent.length;
    await r.clock.advance(60_000);
    assert.equal(r.prober.sent.length, probes, 'no request after stop');
    assert.equal(stored(r.dataDir).length, 1);
  });

  it('keeps each target in its own folder', async () => {
    const r = rig((address) => ({ kind: 'reply', rttMs: address === TARGET ? 10 : 40 }), {
      targets: [
        { name: 'isp', address: TARGET },
        { name: 'dns', address: '203.0.113.53' },
      ],
    });
    r.service.start();
    await r.clock.advance(60_000);
    await r.stop();
    assert.equal(stored(r.dataDir, 'isp')[0]?.avgMs, 10);
    assert.equal(stored(r.dataDir, 'dns')[0]?.avgMs, 40);
  });

  it('refuses two targets of the same name: they would share a folder', () => {
    const targets = [
      { name: 'isp', address: TARGET },
      { name: 'isp', address: '203.0.113.53' },
    ];
    assert.throws(() => rig(() => ({ kind: 'drop' }), { targets }), (err: unknown) => err instanceof UserError && err.message.includes('"isp"'));
  });

  it('keeps measuring, and telling live views, when the samples cannot be written', async () => {
    const dataDir = tempDir();
    writeFileSync(join(dataDir, 'isp'), 'a file where the folder should be');
    const r = rig(() => ({ kind: 'reply', rttMs: 20 }), {}, {}, dataDir);
    r.service.start();
    await r.clock.advance(120_000);
    await r.stop();
    assert.equal(r.samples.length, 3);
    assert.equal(r.actions.length, 13);
    assert.ok(r.log.some((l) => l.includes('could not write a sample')));
  });
});

describe('a target given by name', () => {
  it('is resolved once, at start, and pinged at its address', async () => {
    const asked: string[] = [];
    const r = rig(() => ({ kind: 'reply', rttMs: 5 }), { targets: [{ name: 'isp', address: 'target.example' }] }, {
      resolve: (host) => (asked.push(host), Promise.resolve(TARGET)),
    });
    r.service.start();
    await r.clock.advance(60_000);
    await r.stop();
    assert.deepEqual(asked, ['target.example']);
    assert.ok(r.prober.sent.every((p) => p.address === TARGET));
    assert.equal(r.samples[0]?.address, TARGET);
  });

  it('that does not resolve is logged and asked again, not a crash', async () => {
    let asked = 0;
    const r = rig(() => ({ kind: 'reply', rttMs: 5 }), { targets: [{ name: 'isp', address: 'target.example' }] }, {
      resolve: () => {
        asked++;
        return asked < 3 ? Promise.reject(new Error('ping target: cannot resolve "target.example"')) : Promise.resolve(TARGET);
      },
    });
    r.service.start();
    await r.clock.advance(59_000);
    assert.equal(asked, 2);
    assert.equal(r.prober.sent.length, 0);
    await r.clock.advance(1_000);
    assert.equal(asked, 3);
    assert.equal(r.prober.sent[0]?.at, NOON + 60_000);
    await r.stop();
    assert.equal(r.log.filter((l) => l.includes('cannot resolve')).length, 1, 'said once, not at every try');
    assert.ok(r.log.some((l) => l.includes('target.example is 203.0.113.10')));
  });

  it('that never resolves stops cleanly', async () => {
    const r = rig(() => ({ kind: 'reply', rttMs: 5 }), { targets: [{ name: 'isp', address: 'target.example' }] }, {
      resolve: () => Promise.reject(new Error('no such name')),
    });
    r.service.start();
    await r.clock.advance(100_000);
    await r.stop();
    assert.deepEqual(r.samples, []);
  });
});
