import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { readJournal } from '../../../src/core/store/journal.js';
import { readTransitionDir } from '../../../src/core/store/transition-log.js';
import { Status } from '../../../src/core/store/transition-record.js';
import { v2Bytes } from '../../support/records.js';
import { tempDir } from '../../support/tmp.js';
import { outage, runtimeRig, S0, TARGET } from './runtime-rig.js';

const reply = () => ({ kind: 'reply' as const, rttMs: 5 });

describe('runtime: sessions and the record', () => {
  it('writes a session: STARTED, UP, DOWN, UP, STOPPED, and the outage in the journal', async () => {
    const data = tempDir();
    const { runtime, clock, channels, stop } = runtimeRig(data, outage(20.5, 31));
    await runtime.start();
    await clock.advance(60_000);
    await stop();

    const series = readTransitionDir(join(data, 'internet'));
    assert.deepEqual([...series.statuses], [Status.STARTED, Status.UP, Status.DOWN, Status.UP, Status.STOPPED]);
    assert.deepEqual([...series.times], [S0, S0, S0 + 21, S0 + 31, S0 + 60]);
    const journal = readJournal(join(data, 'internet'));
    assert.deepEqual(journal.map((e) => e.type), ['outage-start', 'outage-end']);
    assert.equal(journal[0]!.type === 'outage-start' && journal[0]!.cause, 'isp');
    assert.deepEqual(JSON.parse(readFileSync(join(data, 'internet', 'target.json'), 'utf8')), TARGET);

    const notices = channels[0]!.notices;
    assert.deepEqual(notices.map((n) => n.kind), ['started', 'up', 'down', 'cause', 'up', 'stopped']);
    const up = notices.filter((n) => n.kind === 'up')[1];
    assert.equal(up?.kind === 'up' && up.downForSeconds, 10);
  });

  it('a stop during an outage closes the session with STOPPED', async () => {
    const data = tempDir();
    const { runtime, clock, stop } = runtimeRig(data, outage(5, 999));
    await runtime.start();
    await clock.advance(20_000);
    await stop();
    assert.deepEqual([...readTransitionDir(join(data, 'internet')).statuses], [Status.STARTED, Status.UP, Status.DOWN, Status.STOPPED]);
  });

  it('after a crash, closes the dead session at the last heartbeat, so the gap is unmonitored', async () => {
    const data = tempDir();
    const dir = join(data, 'internet');
    const crashedAt = S0 - 3600;
    mkdirSync(dir);
    writeFileSync(join(dir, 'uptime_2025-10.log'), v2Bytes([[S0 - 7200, Status.STARTED], [S0 - 7199, Status.UP]]));
    writeFileSync(join(dir, '.alive'), '');
    utimesSync(join(dir, '.alive'), crashedAt, crashedAt);
    const { runtime, clock, stop } = runtimeRig(data, reply);
    await runtime.start();
    await clock.advance(3_000);
    await stop();
    const series = readTransitionDir(dir);
    assert.deepEqual([...series.statuses], [Status.STARTED, Status.UP, Status.STOPPED, Status.STARTED, Status.UP, Status.STOPPED]);
    assert.equal(series.times[2], crashedAt);
  });

  it('keeps the heartbeat fresh while running', async () => {
    const data = tempDir();
    const { runtime, clock, stop } = runtimeRig(data, reply);
    await runtime.start();
    await clock.advance(23_000);
    assert.equal(Math.floor(statSync(join(data, 'internet', '.alive')).mtimeMs / 1000), S0 + 20);
    await stop();
  });

  it('refuses to start on a foreign file and leaves it as it was', async () => {
    const data = tempDir();
    mkdirSync(join(data, 'internet'));
    writeFileSync(join(data, 'internet', 'uptime_2025-10.log'), 'definitely not ours');
    const { runtime } = runtimeRig(data, reply);
    await assert.rejects(runtime.start(), /not a network-outage-monitor log/);
    assert.equal(readFileSync(join(data, 'internet', 'uptime_2025-10.log'), 'utf8'), 'definitely not ours');
    assert.equal(existsSync(join(data, 'internet', 'target.json')), false);
  });
});

describe('runtime: what the views see', () => {
  it('tells each target state as it changes, with the open outage and its cause', async () => {
    const data = tempDir();
    const { runtime, clock, events, stop } = runtimeRig(data, outage(20.5, 31));
    await runtime.start();
    assert.equal(runtime.status().targets[0]?.state, 'unknown');
    await clock.advance(25_000);
    const down = runtime.status().targets[0]!;
    assert.deepEqual({ state: down.state, since: down.since, outage: down.outage, today: down.outagesToday }, { state: 'down', since: S0 + 21, outage: { start: S0 + 21, cause: 'isp' }, today: 1 });
    await clock.advance(10_000);
    assert.deepEqual(
      events.filter((e) => e.type === 'state').map((e) => e.type === 'state' && [e.state, e.since, e.cause]),
      [
        ['up', S0, null],
        ['down', S0 + 21, null],
        ['down', S0 + 21, 'isp'],
        ['up', S0 + 31, null],
      ],
    );
    const checks = runtime.recentChecks(60)[0]!;
    assert.equal(checks.name, 'internet');
    assert.ok(checks.at_ms.length >= 30, 'a check a second');
    assert.ok(checks.rtt_ms.includes(null) && checks.rtt_ms.includes(5), 'answered and unanswered checks both kept');
    await stop();
  });
});

describe('runtime: degraded', () => {
  it('a minute of 20 % loss is a degraded period in the journal and the views, never an outage', async () => {
    const data = tempDir();
    const lossy = (_address: string, sentMs: number) => {
      const s = Math.round((sentMs - S0 * 1000) / 1000);
      return s >= 60 && s < 240 && s % 5 === 0 ? { kind: 'drop' as const } : { kind: 'reply' as const, rttMs: 5 };
    };
    const { runtime, clock, stop } = runtimeRig(data, lossy);
    await runtime.start();
    await clock.advance(200_000);
    assert.equal(runtime.status().targets[0]?.state, 'degraded');
    await clock.advance(200_000);
    assert.equal(runtime.status().targets[0]?.state, 'up');
    await stop();
    const journal = readJournal(join(data, 'internet'));
    assert.deepEqual(journal.map((e) => e.type), ['degraded', 'degraded-end']);
    assert.deepEqual([...readTransitionDir(join(data, 'internet')).statuses], [Status.STARTED, Status.UP, Status.STOPPED], 'no outage');
  });
});
