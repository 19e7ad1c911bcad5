import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { after, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { systemClock } from '../../../src/core/clock.js';
import { UserError } from '../../../src/core/errors.js';
import { createDdnsService } from '../../../src/core/monitors/ddns/ddns-service.js';
import { ddnsStatePath, readDdnsState } from '../../../src/core/monitors/ddns/ddns-state.js';
import { readSystemJournal } from '../../../src/core/store/system-journal.js';
import type { DdnsConfig } from '../../../src/shared/config-schema.js';
import { startIpProvider, type IpProvider, type ProviderMode } from '../../lab/ip-provider-server.js';
import { tempDir } from '../../support/tmp.js';
import { ddnsConfig, ddnsDeps, type Seen } from './ddns-fakes.js';

const providers: IpProvider[] = [];
after(() => Promise.all(providers.map((p) => p.close())));

/** A provider on loopback in this process, the real HTTP path end to end; nothing leaves the machine. */
async function provider(mode: ProviderMode, host = '127.0.0.1'): Promise<IpProvider> {
  const started = await startIpProvider(host, 0, mode);
  providers.push(started);
  return started;
}

async function until(what: string, check: () => boolean, seen?: Seen): Promise<void> {
  for (let i = 0; i < 1_000 && !check(); i++) await sleep(10);
  assert.ok(check(), `never ${what}\n${seen?.log.join('\n') ?? ''}`);
}

/** Runs the service on the real clock until `done`, then stops it. */
async function runUntil(data: string, config: DdnsConfig, done: (seen: Seen) => boolean): Promise<Seen> {
  const { deps, seen } = ddnsDeps(data, systemClock);
  const service = createDdnsService(config, deps);
  service.start();
  try {
    await until('the expected round', () => done(seen), seen);
  } finally {
    await service.stop();
  }
  return seen;
}

const logged = (pattern: RegExp) => (seen: Seen) => seen.log.some((line) => pattern.test(line));

describe('ddns service', () => {
  it('remembers the address, so a restart is not a change, and a change after it names the old address', async () => {
    const data = tempDir();
    const honest = await provider({ kind: 'answer', text: '203.0.113.7' });
    const config = ddnsConfig([honest.url], { interval: 1 });

    const first = await runUntil(data, config, (seen) => seen.events.length === 1);
    assert.deepEqual(first.actions, [{ command: 'ddns-ip-update', newIp: '203.0.113.7', oldIp: null }]);
    const state = readFileSync(ddnsStatePath(data), 'utf8');

    const restarted = await runUntil(data, config, logged(/external address 203\.0\.113\.7, unchanged since \d{4}-/));
    assert.deepEqual(restarted.events, []);
    assert.deepEqual(restarted.actions, []);
    assert.equal(readFileSync(ddnsStatePath(data), 'utf8'), state);

    honest.setMode({ kind: 'answer', text: '203.0.113.8' });
    const changed = await runUntil(data, config, (seen) => seen.events.length === 1);
    assert.deepEqual(changed.actions, [{ command: 'ddns-ip-update', newIp: '203.0.113.8', oldIp: '203.0.113.7' }]);
    assert.deepEqual(
      readSystemJournal(data).map((e) => e.type === 'ip-change' && [e.old, e.new]),
      [
        [null, '203.0.113.7'],
        ['203.0.113.7', '203.0.113.8'],
      ],
    );
  });

  it('refuses every kind of bad answer over real HTTP and says why for each', async () => {
    const data = tempDir();
    const liars = await Promise.all(
      ([{ kind: 'status', code: 500 }, { kind: 'html' }, { kind: 'huge' }, { kind: 'huge-declared' }, { kind: 'answer', text: '2001:db8::1' }, { kind: 'answer', text: '127.0.0.1' }, { kind: 'hang' }] as const).map((mode) =>
        provider(mode),
      ),
    );
    const seen = await runUntil(data, ddnsConfig(liars.map((p) => p.url), { timeout: 0.3 }), (s) => s.actions.length === 1);
    assert.deepEqual(seen.actions, [{ command: 'ddns-no-update' }]);
    const [event] = readSystemJournal(data);
    assert.ok(event?.type === 'ip-unknown');
    assert.deepEqual(
      event.tried.map((t) => t.error),
      [
        'HTTP 500 Internal Server Error',
        'not an address: "<!DOCTYPE html> <html><head><title>502 B…"',
        'answer longer than 1024 bytes',
        'answer longer than 1024 bytes',
        'an IPv6 address (2001:db8::1) where IPv4 was asked for',
        '127.0.0.1 cannot be an external address',
        'no answer within 0.3 s',
      ],
    );
    await until('every connection closed', () => liars.every((p) => p.openConnections === 0));
  });

  it('watches the IPv6 address', async () => {
    const data = tempDir();
    const v6 = await provider({ kind: 'answer', text: '2001:DB8:0::5' }, '::1');
    const seen = await runUntil(data, ddnsConfig([v6.url], { family: 'ipv6' }), (s) => s.events.length === 1);
    assert.deepEqual(seen.events[0], { type: 'ip-change', at: seen.events[0]?.at, family: 'ipv6', old: null, new: '2001:db8::5', provider: v6.url });
    assert.equal(readDdnsState(data, 'ipv6').state?.address, '2001:db8::5');
    assert.equal(readDdnsState(data, 'ipv4').state, null);
  });

  it('starts afresh, with a warning, from a state file of the other family or a broken one', async () => {
    const data = tempDir();
    const v4 = await provider({ kind: 'answer', text: '203.0.113.7' });
    const v6 = await provider({ kind: 'answer', text: '2001:db8::5' }, '::1');
    await runUntil(data, ddnsConfig([v4.url]), (s) => s.events.length === 1);
    const switched = await runUntil(data, ddnsConfig([v6.url], { family: 'ipv6' }), (s) => s.events.length === 1);
    assert.ok(logged(/WARN .*the remembered address is ipv4, the configuration asks for ipv6; starting afresh/)(switched));
    assert.deepEqual(switched.actions, [{ command: 'ddns-ip-update', newIp: '2001:db8::5', oldIp: null }]);

    mkdirSync(dirname(ddnsStatePath(data)), { recursive: true });
    writeFileSync(ddnsStatePath(data), '{"version":1,"family":"ipv6","address":"not an address"');
    const broken = await runUntil(data, ddnsConfig([v6.url], { family: 'ipv6' }), (s) => s.events.length === 1);
    assert.ok(logged(/WARN .*ddns-state\.json is not JSON; starting afresh/)(broken));
    assert.equal(readDdnsState(data, 'ipv6').state?.address, '2001:db8::5');
  });

  it('stop() ends a request that gets no answer at once, long before its timeout', { timeout: 10_000 }, async () => {
    const hung = await provider({ kind: 'hang' });
    const { deps, seen } = ddnsDeps(tempDir(), systemClock);
    const service = createDdnsService(ddnsConfig([hung.url], { timeout: 60 }), deps);
    service.start();
    await until('the provider was asked', () => hung.requests === 1);
    await service.stop();
    await until('the connection closed', () => hung.openConnections === 0);
    assert.deepEqual(seen.events, []);
    assert.deepEqual(seen.actions, []);
  });

  it('refuses a provider given as an address of the other family', () => {
    const { deps } = ddnsDeps(tempDir(), systemClock);
    assert.throws(() => createDdnsService(ddnsConfig(['http://[2001:db8::1]/']), deps), (err) => err instanceof UserError && /IPv6 address, but the family is ipv4/.test(err.message));
    assert.throws(() => createDdnsService(ddnsConfig(['http://203.0.113.1/'], { family: 'ipv6' }), deps), /IPv4 address, but the family is ipv6/);
  });
});
