import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { readJournal } from '../../../src/core/store/journal.js';
import { readTransitionDir } from '../../../src/core/store/transition-log.js';
import { STATUS_NAMES } from '../../../src/core/store/transition-record.js';
import { tempDir } from '../../support/tmp.js';
import { runtimeRig, S0, TARGET, updownConfig } from './runtime-rig.js';

const reply = () => ({ kind: 'reply' as const, rttMs: 5 });
const records = (dir: string) => {
  const s = readTransitionDir(dir);
  return [...s.times].map((t, i) => `${t - S0} ${STATUS_NAMES[s.statuses[i]!]}`);
};
const SECOND = { name: 'second', address: '198.51.100.7' };

describe('runtime: a new configuration while running', () => {
  it('restarts only the monitors it touches: the old session closed with STOPPED and why, the new one opened with STARTED', async () => {
    const data = tempDir();
    const config = updownConfig([TARGET], { ddns: { ...updownConfig().ddns, enabled: false } });
    const { runtime, clock, stop, settle } = runtimeRig(data, reply, config);
    await runtime.start();
    await clock.advance(10_000);

    const same = await settle(runtime.apply({ ...config, note: 'only the note changed' }));
    assert.deepEqual(same, [], 'nothing to restart');
    const restarted = await settle(runtime.apply({ ...config, updown: { ...config.updown, targets: [TARGET, SECOND] } }));
    assert.deepEqual(restarted, ['updown']);
    await clock.advance(10_000);
    await stop();

    assert.deepEqual(records(join(data, 'internet')), ['0 STARTED', '0 UP', '10 STOPPED', '10 STARTED', '10 UP', '20 STOPPED']);
    assert.deepEqual(records(join(data, 'second')), ['10 STARTED', '10 UP', '20 STOPPED']);
    const why = readJournal(join(data, 'internet')).filter((e) => e.type === 'unmonitored');
    assert.deepEqual(why, [{ type: 'unmonitored', target: 'internet', start: S0 + 10, until: null, reason: 'settings-changed', detail: 'the settings were changed' }]);
    assert.deepEqual(runtime.status().targets.map((t) => t.name), ['internet', 'second']);
  });

  it('a monitor turned off stops, and its target leaves the views', async () => {
    const data = tempDir();
    const config = updownConfig([TARGET, SECOND]);
    const { runtime, clock, stop, settle } = runtimeRig(data, reply, config);
    await runtime.start();
    await clock.advance(5_000);
    await settle(runtime.apply({ ...config, updown: { ...config.updown, targets: [SECOND] } }));
    await clock.advance(5_000);
    assert.deepEqual(runtime.status().targets.map((t) => t.name), ['second']);
    assert.deepEqual(runtime.liveTargets(), ['second']);
    await stop();
    assert.deepEqual(records(join(data, 'internet')), ['0 STARTED', '0 UP', '5 STOPPED']);
  });

  it('channels of a new configuration are told from then on; the old ones are flushed and hear nothing more', async () => {
    const data = tempDir();
    const config = updownConfig();
    const { runtime, clock, channels, stop, settle } = runtimeRig(data, reply, config);
    await runtime.start();
    await clock.advance(3_000);
    await settle(runtime.apply({ ...config, notify: { ...config.notify, webhook: null }, note: 'x', instance: 'renamed' }));
    await clock.advance(3_000);
    await stop();
    assert.equal(channels.length, 2);
    assert.deepEqual(channels[0]!.notices.map((n) => n.kind), ['started', 'up']);
    assert.deepEqual(channels[1]!.notices.map((n) => n.kind), ['stopped']);
  });
});

describe('runtime: pause', () => {
  it('15 minutes of pause are unmonitored, with the reason, and probing resumes by itself', async () => {
    const data = tempDir();
    const { runtime, clock, events, stop, settle } = runtimeRig(data, reply);
    await runtime.start();
    await clock.advance(10_000);
    await settle(runtime.pause(15, 'router firmware update'));
    const paused = runtime.status();
    assert.deepEqual(paused.paused, { since: S0 + 10, until: S0 + 910, reason: 'router firmware update' });
    assert.equal(paused.targets[0]?.state, 'paused');
    assert.deepEqual(paused.monitors, []);
    await clock.advance(15 * 60_000 + 5_000);
    assert.equal(runtime.status().paused, null);
    assert.equal(runtime.status().targets[0]?.state, 'up');
    await stop();

    assert.deepEqual(records(join(data, 'internet')), ['0 STARTED', '0 UP', '10 STOPPED', '910 STARTED', '910 UP', '915 STOPPED']);
    const why = readJournal(join(data, 'internet')).filter((e) => e.type === 'unmonitored');
    assert.deepEqual(why, [{ type: 'unmonitored', target: 'internet', start: S0 + 10, until: S0 + 910, reason: 'paused', detail: 'router firmware update' }]);
    assert.deepEqual(events.filter((e) => e.type === 'pause' || e.type === 'resume').map((e) => e.type), ['pause', 'resume']);
  });

  it('until resumed: no probe goes out while paused, and a new configuration waits for the resume', async () => {
    const data = tempDir();
    let probes = 0;
    const config = updownConfig();
    const { runtime, clock, stop, settle } = runtimeRig(data, () => (probes++, { kind: 'reply', rttMs: 5 }), config);
    await runtime.start();
    await clock.advance(5_000);
    await settle(runtime.pause(null, 'paused by the user'));
    const before = probes;
    await settle(runtime.apply({ ...config, updown: { ...config.updown, targets: [SECOND] } }));
    await clock.advance(3_600_000);
    assert.equal(probes, before, 'no probe while paused');
    await settle(runtime.resume());
    await clock.advance(5_000);
    await stop();
    assert.deepEqual(records(join(data, 'internet')), ['0 STARTED', '0 UP', '5 STOPPED']);
    assert.deepEqual(records(join(data, 'second')), ['3605 STARTED', '3605 UP', '3610 STOPPED']);
  });
});
