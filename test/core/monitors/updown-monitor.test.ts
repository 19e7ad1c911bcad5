import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createLogger } from '../../../src/core/log.js';
import type { MonitorEvent } from '../../../src/shared/events.js';
import { UpdownMonitor } from '../../../src/core/monitors/updown-monitor.js';
import { UPDOWN_DEFAULTS, type UpdownOptions } from '../../../src/core/monitors/updown-options.js';
import type { DnsAnswer } from '../../../src/core/probe/dns-query.js';
import { FakeClock } from '../../support/fake-clock.js';
import { ScriptedProber, seededRandom, type Network, type PathFate } from '../../support/fake-network.js';

const TARGET = '203.0.113.10';
const GATEWAY = '192.0.2.1';
const T0 = Date.UTC(2025, 9, 10, 12, 0, 0);
const REPLY: PathFate = { kind: 'reply', rttMs: 12 };
const DROP: PathFate = { kind: 'drop' };

interface Setup {
  network: Network;
  options?: Partial<UpdownOptions>;
  gateway?: string | null;
  dns?: (server: string, name: string) => DnsAnswer;
  addping?: string[];
}

function setup({ network, options, gateway = GATEWAY, dns, addping = [] }: Setup) {
  const clock = new FakeClock(T0);
  const prober = new ScriptedProber(clock, network);
  const events: Array<MonitorEvent & { knownAt: number }> = [];
  const monitor = new UpdownMonitor({
    target: { name: 'internet', address: TARGET },
    options: { ...UPDOWN_DEFAULTS, ...options },
    prober,
    clock,
    emit: (e) => events.push({ ...e, knownAt: clock.now() }),
    evidence: {
      gateway: () => gateway,
      dns: dns ? { server: '203.0.113.53', name: 'example.test', query: (s, n) => Promise.resolve(dns(s, n)) } : null,
      addping,
    },
    log: createLogger('test', { write: () => undefined }),
  });
  return { clock, prober, events, monitor };
}

/** The target is unreachable during [fromS, toS) seconds after T0; the gateway always answers. */
function outageBetween(fromS: number, toS: number, during: PathFate = DROP): Network {
  return (address, sentMs) => {
    const s = (sentMs - T0) / 1000;
    return address === TARGET && s >= fromS && s < toS ? during : REPLY;
  };
}

/** Stops the monitor while the clock keeps running, so probes in flight can finish. */
async function stopped(monitor: UpdownMonitor, clock: FakeClock): Promise<number | null> {
  const stopping = monitor.stop();
  await clock.advance(5_000);
  return stopping;
}

const transitions = (events: MonitorEvent[]) =>
  events.flatMap((e) => (e.type === 'transition' ? [{ status: e.status, at: e.at - T0 / 1000, initial: e.initial }] : []));

describe('updown monitor', () => {
  it('records UP once at start and stays quiet while the target answers', async () => {
    const { clock, events, monitor } = setup({ network: () => REPLY });
    monitor.start();
    await clock.advance(120_000);
    await stopped(monitor, clock);
    assert.deepEqual(transitions(events), [{ status: 'UP', at: 0, initial: true }]);
  });

  it('backdates DOWN to the first failed probe and knows it within 3 s; UP at the first success', async () => {
    const { clock, events, monitor } = setup({ network: outageBetween(10.3, 20.6) });
    monitor.start();
    await clock.advance(40_000);
    await stopped(monitor, clock);
    assert.deepEqual(transitions(events), [
      { status: 'UP', at: 0, initial: true },
      { status: 'DOWN', at: 11, initial: false },
      { status: 'UP', at: 21, initial: false },
    ]);
    const down = events.find((e) => e.type === 'transition' && e.status === 'DOWN')!;
    assert.ok(down.knownAt - T0 <= 13_300, `DOWN known ${(down.knownAt - T0) / 1000} s after start`);
    const end = events.find((e) => e.type === 'outage-end');
    assert.ok(end?.type === 'outage-end');
    assert.deepEqual(end.bounds, {
      last_success_before: T0 + 10_000,
      first_failure: T0 + 11_000,
      last_failure: T0 + 20_000,
      first_success_after: T0 + 21_000,
    });
  });

  it('never declares an outage for lost packets: 30 minutes of 20 % loss each way', async () => {
    const random = seededRandom(7);
    const lossy: Network = () => (random() < 0.2 || random() < 0.2 ? DROP : REPLY);
    const { clock, events, prober, monitor } = setup({ network: lossy });
    monitor.start();
    await clock.advance(30 * 60_000);
    await stopped(monitor, clock);
    assert.deepEqual(transitions(events), [{ status: 'UP', at: 0, initial: true }]);
    assert.ok(prober.sent.length > 1800, 'kept probing');
  });

  it('records a 2 s outage, backdated', async () => {
    const { clock, events, monitor } = setup({ network: outageBetween(5.5, 7.5) });
    monitor.start();
    await clock.advance(15_000);
    await stopped(monitor, clock);
    assert.deepEqual(transitions(events).slice(1), [
      { status: 'DOWN', at: 6, initial: false },
      { status: 'UP', at: 8, initial: false },
    ]);
  });

  it('takes an ICMP "net unreachable" from a router as a failure, never a success', async () => {
    const unreachable: PathFate = { kind: 'unreachable', from: GATEWAY, afterMs: 1 };
    const { clock, events, monitor } = setup({ network: outageBetween(3, 9, unreachable), dns: () => ({ answered: false, detail: 'no answer' }) });
    monitor.start();
    await clock.advance(12_000);
    await stopped(monitor, clock);
    assert.deepEqual(transitions(events).map((t) => t.status), ['UP', 'DOWN', 'UP']);
    const start = events.find((e) => e.type === 'outage-start');
    assert.ok(start?.type === 'outage-start');
    assert.equal(start.cause, 'isp');
    assert.deepEqual(start.evidence.first_failure, { ok: false, reason: 'unreachable', from: GATEWAY, detail: 'net unreachable' });
  });

  it('survives its own link going away: cause local, and no crash', async () => {
    const { clock, events, monitor } = setup({ network: () => ({ kind: 'local', code: 'ENETUNREACH' }) });
    monitor.start();
    await clock.advance(10_000);
    assert.equal(monitor.status, 'down');
    const openStart = await stopped(monitor, clock);
    assert.deepEqual(transitions(events), [{ status: 'DOWN', at: 0, initial: true }]);
    assert.equal(openStart, T0 / 1000);
    const start = events.find((e) => e.type === 'outage-start');
    assert.ok(start?.type === 'outage-start');
    assert.equal(start.cause, 'local');
  });

  it('attributes causes: gateway down → local, DNS answers → target, neither → isp', async () => {
    const cases: Array<{ network: Network; dns: DnsAnswer; cause: string }> = [
      { network: (a, t) => (t - T0 >= 3000 ? DROP : REPLY), dns: { answered: false, detail: 'no answer' }, cause: 'local' },
      { network: outageBetween(3, 60), dns: { answered: true, detail: '203.0.113.80' }, cause: 'target' },
      { network: outageBetween(3, 60), dns: { answered: false, detail: 'no answer' }, cause: 'isp' },
    ];
    for (const c of cases) {
      const { clock, events, monitor } = setup({ network: c.network, dns: () => c.dns });
      monitor.start();
      await clock.advance(8_000);
      await stopped(monitor, clock);
      const start = events.find((e) => e.type === 'outage-start');
      assert.ok(start?.type === 'outage-start');
      assert.equal(start.cause, c.cause);
    }
  });

  it('cause is unknown when no gateway is known and nothing refutes', async () => {
    const { clock, events, monitor } = setup({ network: outageBetween(3, 60), gateway: null });
    monitor.start();
    await clock.advance(8_000);
    await stopped(monitor, clock);
    const start = events.find((e) => e.type === 'outage-start');
    assert.ok(start?.type === 'outage-start');
    assert.equal(start.cause, 'unknown');
    assert.equal(start.evidence.gateway, null);
  });

  it('probes the addping targets when the target goes down and when it comes back', async () => {
    const extra = ['192.0.2.20', '198.51.100.7'];
    const network: Network = (address, sentMs) =>
      address === '198.51.100.7' && sentMs - T0 < 5500 ? DROP : outageBetween(3, 6)(address, sentMs);
    const { clock, events, monitor } = setup({ network, addping: extra });
    monitor.start();
    await clock.advance(12_000);
    await stopped(monitor, clock);
    const start = events.find((e) => e.type === 'outage-start');
    const end = events.find((e) => e.type === 'outage-end');
    assert.ok(start?.type === 'outage-start' && end?.type === 'outage-end');
    assert.deepEqual(start.evidence.addping.map((a) => [a.address, a.result.ok]), [['192.0.2.20', true], ['198.51.100.7', false]]);
    assert.deepEqual(end.addping.map((a) => [a.address, a.result.ok]), [['192.0.2.20', true], ['198.51.100.7', true]]);
  });

  it('a probe that could not be made (helper restarting) is no evidence of an outage', async () => {
    const network: Network = (address, sentMs) => (sentMs - T0 >= 3000 && sentMs - T0 < 9000 ? { kind: 'error' } : REPLY);
    const { clock, events, monitor } = setup({ network });
    monitor.start();
    await clock.advance(15_000);
    await stopped(monitor, clock);
    assert.deepEqual(transitions(events), [{ status: 'UP', at: 0, initial: true }]);
  });

  it('starts DOWN when the target is down from the first probe', async () => {
    const { clock, events, monitor } = setup({ network: outageBetween(0, 5) });
    monitor.start();
    await clock.advance(8_000);
    await stopped(monitor, clock);
    assert.deepEqual(transitions(events), [
      { status: 'DOWN', at: 0, initial: true },
      { status: 'UP', at: 5, initial: false },
    ]);
  });

  it('a suspicion refuted by a re-probe changes nothing', async () => {
    let failedOnce = false;
    const network: Network = (address, sentMs) => {
      if (!failedOnce && sentMs - T0 >= 4000) {
        failedOnce = true;
        return DROP;
      }
      return REPLY;
    };
    const { clock, events, prober, monitor } = setup({ network });
    monitor.start();
    await clock.advance(10_000);
    await stopped(monitor, clock);
    assert.deepEqual(transitions(events), [{ status: 'UP', at: 0, initial: true }]);
    assert.ok(prober.sent.length >= 10 + 1, 'a re-probe was sent');
  });
});
