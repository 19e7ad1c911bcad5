import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createDdnsService } from '../../../src/core/monitors/ddns/ddns-service.js';
import { readDdnsState } from '../../../src/core/monitors/ddns/ddns-state.js';
import { readSystemJournal } from '../../../src/core/store/system-journal.js';
import { FakeClock } from '../../support/fake-clock.js';
import { tempDir } from '../../support/tmp.js';
import { HANG, ddnsConfig, ddnsDeps, scriptedFetch, type Scripted } from './ddns-fakes.js';

const A = 'https://a.example/ip';
const B = 'https://b.example/ip';
const C = 'http://c.example/';

/** A service on a fake clock, asking scripted providers: every round runs in virtual time. */
function setup(script: Record<string, Scripted>, change: Parameters<typeof ddnsConfig>[1] = {}) {
  const data = tempDir();
  const clock = new FakeClock();
  const { deps, seen } = ddnsDeps(data, clock);
  const fetch = scriptedFetch(script);
  const service = createDdnsService(ddnsConfig([A, B, C], change), deps, { fetch });
  return { data, clock, seen, fetch, service };
}

describe('ddns rounds', () => {
  it('asks the providers in turn and takes the first valid answer', async () => {
    const { data, clock, seen, fetch, service } = setup({ [A]: new Error('HTTP 500'), [B]: '<html>oops</html>', [C]: '203.0.113.7\n' });
    service.start();
    await clock.advance(0);
    await service.stop();

    assert.deepEqual(fetch.asked, [A, B, C]);
    const at = Math.floor(clock.now() / 1000);
    assert.deepEqual(seen.events, [{ type: 'ip-change', at, family: 'ipv4', old: null, new: '203.0.113.7', provider: C }]);
    assert.deepEqual(readSystemJournal(data), seen.events);
    assert.deepEqual(seen.actions, [{ command: 'ddns-ip-update', newIp: '203.0.113.7', oldIp: null }]);
    assert.deepEqual(readDdnsState(data, 'ipv4').state, { version: 1, family: 'ipv4', address: '203.0.113.7', provider: C, since: at });
  });

  it('gives each provider its own timeout before asking the next', async () => {
    const { clock, seen, fetch, service } = setup({ [A]: HANG, [B]: HANG, [C]: '203.0.113.7' }, { timeout: 5 });
    service.start();
    await clock.advance(4_999);
    assert.deepEqual(fetch.asked, [A]);
    await clock.advance(1);
    assert.deepEqual(fetch.asked, [A, B]);
    assert.equal(fetch.signals[0]?.aborted, true, 'the timed-out request was aborted');
    await clock.advance(5_000);
    assert.deepEqual(fetch.asked, [A, B, C]);
    assert.equal(seen.events[0]?.type === 'ip-change' && seen.events[0].provider, C);
    await service.stop();
  });

  it('starts rounds `interval` apart, and the next one at once after a round longer than that', async () => {
    const script: Record<string, Scripted> = { [A]: '203.0.113.7' };
    const { clock, fetch, service } = setup(script, { interval: 10, timeout: 8 });
    service.start();
    await clock.advance(0);
    await clock.advance(9_999);
    assert.equal(fetch.asked.length, 1);
    await clock.advance(1);
    assert.equal(fetch.asked.length, 2);
    // Two hanging providers: a 16 s round, so the following round starts as soon as it ends.
    Object.assign(script, { [A]: HANG, [B]: HANG, [C]: '203.0.113.7' });
    await clock.advance(10_000);
    assert.equal(fetch.asked.length, 3);
    await clock.advance(16_000);
    assert.deepEqual(fetch.asked.slice(3), [B, C, A]);
    await service.stop();
  });

  it('reports a new address as a change, with the old one', async () => {
    const script: Record<string, Scripted> = { [A]: '203.0.113.7' };
    const { seen, clock, service } = setup(script);
    service.start();
    await clock.advance(60_000);
    script[A] = '203.0.113.8';
    await clock.advance(60_000);
    await service.stop();
    assert.deepEqual(
      seen.events.map((e) => e.type === 'ip-change' && [e.old, e.new]),
      [
        [null, '203.0.113.7'],
        ['203.0.113.7', '203.0.113.8'],
      ],
    );
    assert.deepEqual(seen.actions.at(-1), { command: 'ddns-ip-update', newIp: '203.0.113.8', oldIp: '203.0.113.7' });
  });

  it('journals ip-unknown once per run of failures, calls ddns-no-update every round, and logs at most hourly', async () => {
    const script: Record<string, Scripted> = { [A]: new Error('HTTP 503'), [B]: '2001:db8::1', [C]: HANG };
    const { data, seen, clock, service } = setup(script, { timeout: 1 });
    service.start();
    await clock.advance(2 * 3600_000);
    const rounds = seen.actions.length;
    assert.ok(rounds >= 119, `${rounds} rounds`);
    assert.deepEqual(new Set(seen.actions.map((a) => a.command)), new Set(['ddns-no-update']));
    assert.deepEqual(
      seen.events.map((e) => e.type),
      ['ip-unknown'],
    );
    assert.deepEqual(seen.events[0]?.type === 'ip-unknown' && seen.events[0].tried, [
      { provider: A, error: 'HTTP 503' },
      { provider: B, error: 'an IPv6 address (2001:db8::1) where IPv4 was asked for' },
      { provider: C, error: 'no answer within 1 s' },
    ]);
    // Rounds take 1 s (C times out), so the hourly reminder comes with the round starting at 3600 s.
    assert.deepEqual(
      seen.log.filter((l) => / WARN /.test(l)).map((l) => /ddns: (.*?) tried=/.exec(l)?.[1]),
      ['no provider gave a valid address', 'still no valid address after 61 rounds'],
    );
    assert.equal(readDdnsState(data, 'ipv4').state, null);

    script[C] = '203.0.113.7';
    await clock.advance(60_000);
    script[C] = new Error('HTTP 502');
    await clock.advance(60_000);
    await service.stop();
    assert.deepEqual(
      seen.events.map((e) => e.type),
      ['ip-unknown', 'ip-change', 'ip-unknown'],
    );
    assert.ok(seen.log.some((l) => /a provider answers again after \d+ failed round\(s\)/.test(l)));
  });

  it('stop() ends the request in flight and records nothing for that round', async () => {
    const { clock, seen, fetch, service } = setup({ [A]: HANG, [B]: '203.0.113.7' }, { timeout: 30 });
    service.start();
    await clock.advance(1_000);
    await service.stop();
    assert.equal(fetch.signals[0]?.aborted, true);
    await clock.advance(600_000);
    assert.deepEqual(fetch.asked, [A]);
    assert.deepEqual(seen.events, []);
    assert.deepEqual(seen.actions, []);
  });
});
