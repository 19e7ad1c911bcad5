import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Engine } from '../../../src/core/engine/engine.js';
import { createLogger } from '../../../src/core/log.js';
import { UPDOWN_DEFAULTS } from '../../../src/core/monitors/updown-options.js';
import type { Notice, Notifier } from '../../../src/core/notify/notifier.js';
import { readJournal } from '../../../src/core/store/journal.js';
import { readTransitionDir } from '../../../src/core/store/transition-log.js';
import { Status } from '../../../src/core/store/transition-record.js';
import { FakeClock } from '../../support/fake-clock.js';
import { ScriptedProber, type Network } from '../../support/fake-network.js';
import { v2Bytes } from '../../support/records.js';
import { tempDir } from '../../support/tmp.js';

const T0 = Date.UTC(2025, 9, 10, 12, 0, 0);
const S0 = T0 / 1000;
const TARGET = { name: 'internet', address: '203.0.113.10' };

class RecordingNotifier implements Notifier {
  readonly name = 'recording';
  readonly notices: Notice[] = [];
  notify(notice: Notice): void {
    this.notices.push(notice);
  }
  flush(): Promise<void> {
    return Promise.resolve();
  }
}

function engineFor(dataDir: string, network: Network, clock = new FakeClock(T0)) {
  const notifier = new RecordingNotifier();
  const engine = new Engine({
    dataDir,
    targets: [TARGET],
    options: UPDOWN_DEFAULTS,
    prober: new ScriptedProber(clock, network),
    clock,
    log: createLogger('test', { write: () => undefined }),
    notifiers: [notifier],
    evidence: { gateway: () => '192.0.2.1', dns: null, addping: [] },
  });
  return { engine, clock, notifier };
}

async function stop(engine: Engine, clock: FakeClock): Promise<void> {
  const stopping = engine.stop();
  await clock.advance(10_000);
  await stopping;
}

const outage = (fromS: number, toS: number): Network => (address, sentMs) => {
  const s = (sentMs - T0) / 1000;
  return address === TARGET.address && s >= fromS && s < toS ? { kind: 'drop' } : { kind: 'reply', rttMs: 5 };
};

describe('engine', () => {
  it('writes a session: STARTED, UP, DOWN, UP, STOPPED, and the outage in the journal', async () => {
    const data = tempDir();
    const { engine, clock, notifier } = engineFor(data, outage(20.5, 31));
    engine.start();
    await clock.advance(60_000);
    await stop(engine, clock);

    const series = readTransitionDir(join(data, 'internet'));
    assert.deepEqual([...series.statuses], [Status.STARTED, Status.UP, Status.DOWN, Status.UP, Status.STOPPED]);
    assert.deepEqual([...series.times], [S0, S0, S0 + 21, S0 + 31, S0 + 60]);

    const journal = readJournal(join(data, 'internet'));
    assert.deepEqual(journal.map((e) => e.type), ['outage-start', 'outage-end']);
    assert.equal(journal[0]!.type === 'outage-start' && journal[0]!.cause, 'isp');

    assert.deepEqual(JSON.parse(readFileSync(join(data, 'internet', 'target.json'), 'utf8')), TARGET);
    assert.deepEqual(notifier.notices.map((n) => n.kind), ['started', 'up', 'down', 'cause', 'up', 'stopped']);
    const up = notifier.notices.filter((n) => n.kind === 'up')[1];
    assert.equal(up?.kind === 'up' && up.downForSeconds, 10);
  });

  it('a stop during an outage closes the session with STOPPED', async () => {
    const data = tempDir();
    const { engine, clock } = engineFor(data, outage(5, 999));
    engine.start();
    await clock.advance(20_000);
    await stop(engine, clock);
    const series = readTransitionDir(join(data, 'internet'));
    assert.deepEqual([...series.statuses], [Status.STARTED, Status.UP, Status.DOWN, Status.STOPPED]);
  });

  it('after a crash, closes the dead session at the last heartbeat, so the gap is unmonitored', async () => {
    const data = tempDir();
    const dir = join(data, 'internet');
    const crashedAt = S0 - 3600;
    mkdirSync(dir);
    writeFileSync(join(dir, 'uptime_2025-10.log'), v2Bytes([[S0 - 7200, Status.STARTED], [S0 - 7199, Status.UP]]));
    writeFileSync(join(dir, '.alive'), '');
    utimesSync(join(dir, '.alive'), crashedAt, crashedAt);

    const { engine, clock } = engineFor(data, () => ({ kind: 'reply', rttMs: 5 }));
    engine.start();
    await clock.advance(3_000);
    await stop(engine, clock);
    const series = readTransitionDir(dir);
    assert.deepEqual([...series.statuses], [Status.STARTED, Status.UP, Status.STOPPED, Status.STARTED, Status.UP, Status.STOPPED]);
    assert.equal(series.times[2], crashedAt);
  });

  it('keeps the heartbeat fresh while running', async () => {
    const data = tempDir();
    const { engine, clock } = engineFor(data, () => ({ kind: 'reply', rttMs: 5 }));
    engine.start();
    await clock.advance(23_000);
    const beat = Math.floor(statSync(join(data, 'internet', '.alive')).mtimeMs / 1000);
    assert.equal(beat, S0 + 20);
    await stop(engine, clock);
  });

  it('refuses to start on a foreign file and leaves it as it was', () => {
    const data = tempDir();
    mkdirSync(join(data, 'internet'));
    writeFileSync(join(data, 'internet', 'uptime_2025-10.log'), 'definitely not ours');
    const { engine } = engineFor(data, () => ({ kind: 'reply', rttMs: 5 }));
    assert.throws(() => engine.start(), /not a network-outage-monitor log/);
    assert.equal(readFileSync(join(data, 'internet', 'uptime_2025-10.log'), 'utf8'), 'definitely not ours');
    assert.equal(existsSync(join(data, 'internet', 'target.json')), false);
  });
});
