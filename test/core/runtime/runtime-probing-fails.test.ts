import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { UserError } from '../../../src/core/errors.js';
import { createLogger } from '../../../src/core/log.js';
import { Runtime, type RuntimeOptions } from '../../../src/core/runtime/runtime.js';
import { readTransitionDir } from '../../../src/core/store/transition-log.js';
import { STATUS_NAMES } from '../../../src/core/store/transition-record.js';
import { namedZone } from '../../../src/core/time/zone.js';
import type { NomConfig } from '../../../src/shared/config-schema.js';
import type { BusEvent, HealthEvent } from '../../../src/shared/live-events.js';
import { startIpProvider, type IpProvider } from '../../lab/ip-provider-server.js';
import { FakeClock } from '../../support/fake-clock.js';
import { ScriptedProber } from '../../support/fake-network.js';
import { tempDir } from '../../support/tmp.js';
import { S0, T0, TARGET, updownConfig } from './runtime-rig.js';

/**
 * The desktop app's runtime when nothing can probe ('report'): it keeps running what needs no
 * probe (ddns, against a provider on loopback), says why and what to do in its status and in one
 * 'health' event, tries again every minute without raising a permission dialog, and at once on a
 * new configuration; once a way works, probing starts and the status says so. The daemon's
 * ('throw', the default) still fails to start.
 */
const WORDS = "nom cannot send pings: ping is not installed. Install iputils-ping, or choose TCP probes in Settings.";
const providers: IpProvider[] = [];
after(() => Promise.all(providers.map((p) => p.close())));

async function withDdns(config: NomConfig): Promise<NomConfig> {
  const provider = await startIpProvider('127.0.0.1', 0, { kind: 'answer', text: '203.0.113.7' });
  providers.push(provider);
  return { ...config, ddns: { ...config.ddns, enabled: true, providers: [provider.url] } };
}

/** A runtime whose chooser fails `failures` times, then answers from a network that always replies. */
function rig(dataDir: string, config: NomConfig, failures: number, mode?: RuntimeOptions['whenProbingFails']) {
  const clock = new FakeClock(T0);
  const asked: boolean[] = [];
  const events: BusEvent[] = [];
  const runtime = new Runtime(config, {
    dataDir,
    clock,
    log: createLogger('test', { write: () => undefined }),
    zone: namedZone('UTC'),
    chooseProber: (_probe, { mayAsk }) => {
      asked.push(mayAsk);
      if (asked.length <= failures) return Promise.reject(new UserError(WORDS));
      return Promise.resolve({ prober: new ScriptedProber(clock, () => ({ kind: 'reply', rttMs: 5 })), description: 'the scripted network' });
    },
    channels: () => ({ notifiers: [], actions: null }),
    evidence: { gateway: () => '192.0.2.1', dns: null },
    ...(mode && { whenProbingFails: mode }),
  });
  runtime.bus.onAny((e) => events.push(e));
  const health = () => events.filter((e): e is HealthEvent => e.type === 'health').map((e) => ({ at: e.at - S0, probing: e.probing, detail: e.detail }));
  const stop = async () => {
    const stopping = runtime.stop();
    await clock.advance(10_000);
    await stopping;
  };
  return { runtime, clock, asked, events, health, stop };
}

const records = (dir: string) => {
  const s = readTransitionDir(dir);
  return [...s.times].map((t, i) => `${t - S0} ${STATUS_NAMES[s.statuses[i]!]}`);
};

describe('runtime: when nothing can probe', () => {
  it('keeps ddns running, says why and what to do, retries each minute asking nothing, and starts probing once it can', async () => {
    const data = tempDir();
    const { runtime, clock, asked, events, health, stop } = rig(data, await withDdns(updownConfig()), 2, 'report');
    await runtime.start();
    assert.deepEqual(runtime.status().probing, { ok: false, detail: WORDS });
    assert.deepEqual(runtime.status().monitors, ['ddns'], 'ddns needs no prober and runs');
    for (let i = 0; i < 200 && !events.some((e) => e.type === 'ip-change'); i++) await sleep(5);
    assert.ok(events.some((e) => e.type === 'ip-change'), 'ddns asked its provider');

    await clock.advance(60_000);
    assert.deepEqual(asked, [true, false], 'the retry raises no permission dialog');
    assert.deepEqual(runtime.status().probing, { ok: false, detail: WORDS });
    assert.deepEqual(health(), [{ at: 0, probing: false, detail: WORDS }], 'the same trouble is said once');

    await clock.advance(60_000);
    assert.deepEqual(asked, [true, false, false]);
    assert.deepEqual(runtime.status().probing, { ok: true, detail: 'the scripted network' });
    assert.deepEqual(runtime.status().monitors, ['ddns', 'updown']);
    assert.deepEqual(health(), [
      { at: 0, probing: false, detail: WORDS },
      { at: 120, probing: true, detail: 'the scripted network' },
    ]);
    await clock.advance(5_000);
    assert.equal(runtime.status().targets[0]?.state, 'up');
    await clock.advance(600_000);
    assert.equal(asked.length, 3, 'no retry once probing works');
    await stop();
    assert.deepEqual(records(join(data, TARGET.name)).slice(0, 2), ['120 STARTED', '120 UP'], 'the time before is unmonitored, not an outage');
  });

  it('tries again at once, asking the user, when a new configuration is applied', async () => {
    const data = tempDir();
    const config = updownConfig();
    const { runtime, clock, asked, stop } = rig(data, config, 1, 'report');
    await runtime.start();
    assert.equal(runtime.status().probing.ok, false);
    await runtime.apply({ ...config, note: 'saved in Settings' });
    assert.deepEqual(asked, [true, true]);
    assert.deepEqual(runtime.status().probing, { ok: true, detail: 'the scripted network' });
    assert.deepEqual(runtime.status().monitors, ['updown']);
    await clock.advance(120_000);
    assert.equal(asked.length, 2);
    await stop();
  });

  it('stops saying so, and stops retrying, once no probing monitor is configured', async () => {
    const data = tempDir();
    const config = await withDdns(updownConfig());
    const { runtime, clock, asked, health, stop } = rig(data, config, 99, 'report');
    await runtime.start();
    await runtime.apply({ ...config, updown: { ...config.updown, enabled: false } });
    assert.deepEqual(runtime.status().probing, { ok: true, detail: 'no probing monitor is running' });
    assert.deepEqual(health().at(-1), { at: 0, probing: true, detail: 'no probing monitor is configured' });
    await clock.advance(300_000);
    assert.deepEqual(asked, [true]);
    await stop();
  });

  it('does not retry while paused, and tries again on resume', async () => {
    const data = tempDir();
    const { runtime, clock, asked, stop } = rig(data, updownConfig(), 1, 'report');
    await runtime.start();
    await runtime.pause(null, 'paused by the user');
    await clock.advance(300_000);
    assert.deepEqual(asked, [true]);
    await runtime.resume();
    assert.deepEqual(asked, [true, true]);
    assert.equal(runtime.status().probing.ok, true);
    await stop();
  });

  it("the daemon's way: start fails with the reason and nothing runs", async () => {
    const data = tempDir();
    const { runtime, clock, asked, health } = rig(data, await withDdns(updownConfig()), 1);
    await assert.rejects(runtime.start(), (err: unknown) => err instanceof UserError && err.message === WORDS);
    assert.deepEqual(runtime.status().monitors, []);
    await clock.advance(300_000);
    assert.deepEqual(asked, [true], 'no retry');
    assert.deepEqual(health(), []);
  });
});
