import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ApiFailure } from '../../../src/shared/api-contract.js';
import { UserError } from '../../../src/core/errors.js';
import { journalFileName } from '../../../src/core/store/journal.js';
import { Status } from '../../../src/core/store/transition-record.js';
import { namedZone } from '../../../src/core/time/zone.js';
import { historyOf, type HistoryOptions } from '../../../src/core/views/history-query.js';
import { JournalCache } from '../../../src/core/views/journal-cache.js';
import { tempDir } from '../../support/tmp.js';
import { at, dataFolder, degraded, outageStart } from './data-folder.js';

const { STARTED, UP, DOWN, STOPPED } = Status;
const T = at('2025-06-02T00:00:00Z');
const UTC: HistoryOptions = { zone: namedZone('UTC'), liveTargets: [], nowSeconds: T + 86_400 };
/** One for the file, as the daemon keeps one: each test's folder is its own. */
const journals = new JournalCache();

describe('history of a range', () => {
  it('lists the outages that overlap the range with their cause, counting only their part inside as downtime', () => {
    const dataDir = dataFolder({
      wan: {
        records: [[T, STARTED], [T + 1, UP], [T + 1000, DOWN], [T + 1600, UP], [T + 5000, DOWN], [T + 5300, UP], [T + 9800, DOWN], [T + 10_400, UP], [T + 20_000, STOPPED]],
        journal: [outageStart('wan', T + 1000, 'local'), outageStart('wan', T + 5000, 'isp')],
      },
    });
    const history = historyOf(dataDir, { from: T + 1200, to: T + 10_000 }, UTC, journals);
    assert.deepEqual(history.outages, [
      { target: 'wan', start: T + 1000, end: T + 1600, duration_s: 600, cause: 'local' },
      { target: 'wan', start: T + 5000, end: T + 5300, duration_s: 300, cause: 'isp' },
      { target: 'wan', start: T + 9800, end: T + 10_400, duration_s: 600, cause: null },
    ]);
    assert.deepEqual(history.targets, [{ name: 'wan', uptime_s: 8800 - 900, downtime_s: 400 + 300 + 200, unmonitored_s: 0 }]);
    assert.deepEqual(history.days, [{ day: '2025-06-02', downtime_s: 900, outages: 2 }], 'the outage that began before the range is not counted as one of its day');
    assert.deepEqual({ from: history.from, to: history.to, zone: history.zone }, { from: T + 1200, to: T + 10_000, zone: 'UTC' });
  });

  it('carries an open outage to now only for a target whose session the asking process runs', () => {
    const dataDir = dataFolder({ wan: { records: [[T, STARTED], [T + 1, UP], [T + 100, DOWN]], journal: [outageStart('wan', T + 100, 'isp')] } });
    const range = { from: T, to: T + 1000 };
    const live = historyOf(dataDir, range, { ...UTC, liveTargets: ['wan'], nowSeconds: T + 700 }, journals);
    assert.deepEqual(live.outages, [{ target: 'wan', start: T + 100, end: null, duration_s: 600, cause: 'isp' }]);
    assert.deepEqual(live.targets, [{ name: 'wan', uptime_s: 99, downtime_s: 600, unmonitored_s: 1 }]);
    assert.equal(live.days[0]!.downtime_s, 600);

    const stale = historyOf(dataDir, range, { ...UTC, nowSeconds: T + 700 }, journals);
    assert.deepEqual(stale.outages, [{ target: 'wan', start: T + 100, end: null, duration_s: 0, cause: 'isp' }], 'past the last record nothing was observed');
    assert.deepEqual(stale.targets, [{ name: 'wan', uptime_s: 99, downtime_s: 0, unmonitored_s: 601 }]);
  });

  it('lists the gaps between sessions, clipped to the range, a session not reopened until now; not the time before the first record', () => {
    const dataDir = dataFolder({
      wan: {
        records: [
          [T - 500, STARTED], [T - 499, UP], [T - 200, STOPPED],
          [T + 300, STARTED], [T + 302, UP], [T + 2000, STOPPED],
          [T + 2600, STARTED], [T + 2601, DOWN], [T + 2700, UP], [T + 4000, STOPPED],
        ],
      },
      lan: { records: [[T + 1000, STARTED], [T + 1000, UP]] },
    });
    const history = historyOf(dataDir, { from: T, to: T + 5000 }, { ...UTC, liveTargets: ['lan'], nowSeconds: T + 4500 }, journals);
    assert.deepEqual(history.unmonitored, [
      { target: 'wan', start: T, end: T + 300 },
      { target: 'wan', start: T + 2000, end: T + 2600 },
      { target: 'wan', start: T + 4000, end: T + 4500 },
    ]);
    assert.deepEqual(history.targets, [
      { name: 'lan', uptime_s: 3500, downtime_s: 0, unmonitored_s: 1000 },
      { name: 'wan', uptime_s: 1698 + 1300, downtime_s: 99, unmonitored_s: 4500 - 1698 - 1300 - 99 },
    ]);
  });

  it('lists degraded periods that overlap the range, closed with the figures of the whole period, or open', () => {
    const dataDir = dataFolder({
      wan: {
        records: [[T - 1000, STARTED], [T - 1000, UP]],
        journal: [
          degraded('wan', T - 900, null, 7), degraded('wan', T - 900, T - 100, 8),
          degraded('wan', T - 50, null, 9), degraded('wan', T - 50, T + 50, 10),
          degraded('wan', T + 100, null, 10), degraded('wan', T + 100, T + 400, 20),
          degraded('wan', T + 3000, null, 30),
        ],
      },
    });
    const history = historyOf(dataDir, { from: T, to: T + 5000 }, { ...UTC, liveTargets: ['wan'], nowSeconds: T + 4000 }, journals);
    const figures = (loss: number) => ({ loss_pct: loss, median_rtt_ms: 40, baseline_rtt_ms: 12, reason: `loss ${loss} % (threshold 5 %)` });
    assert.deepEqual(history.degraded, [
      { target: 'wan', start: T - 50, end: T + 50, ...figures(10) },
      { target: 'wan', start: T + 100, end: T + 400, ...figures(20) },
      { target: 'wan', start: T + 3000, end: null, ...figures(30) },
    ]);
    assert.deepEqual(history.targets, [{ name: 'wan', uptime_s: 4000, downtime_s: 0, unmonitored_s: 0 }], 'degraded time is never downtime, and what is still to come is not unmonitored');
  });

  it('counts downtime per local day in the zone, of every target summed, on days of 23 and 25 hours', () => {
    const oslo = namedZone('Europe/Oslo');
    const from = at('2025-03-29T00:00:00+01:00');
    const dataDir = dataFolder({
      wan: { records: [[from, STARTED], [from, UP], [at('2025-03-30T00:00:00+01:00'), DOWN], [at('2025-03-31T00:00:00+02:00'), UP], [at('2025-03-31T23:30:00+02:00'), DOWN], [at('2025-04-01T00:30:00+02:00'), UP]] },
      lan: { records: [[from, STARTED], [from, UP], [at('2025-03-30T23:50:00+02:00'), DOWN], [at('2025-03-31T00:10:00+02:00'), UP]] },
    });
    const history = historyOf(dataDir, { from, to: at('2025-04-01T00:00:00+02:00') }, { zone: oslo, liveTargets: [], nowSeconds: at('2025-05-01T00:00:00Z') }, journals);
    assert.deepEqual(history.days, [
      { day: '2025-03-29', downtime_s: 0, outages: 0 },
      { day: '2025-03-30', downtime_s: 23 * 3600 + 600, outages: 2 },
      { day: '2025-03-31', downtime_s: 600 + 1800, outages: 1 },
    ]);
    assert.equal(history.zone, 'Europe/Oslo');

    const autumn = at('2025-10-26T00:00:00+02:00');
    const longDay = dataFolder({ wan: { records: [[autumn - 60, STARTED], [autumn - 60, DOWN], [at('2025-10-27T00:00:00+01:00'), UP]] } });
    const fall = historyOf(longDay, { from: autumn, to: at('2025-10-27T00:00:00+01:00') }, { zone: oslo, liveTargets: [], nowSeconds: autumn + 2 * 86_400 }, journals);
    assert.deepEqual(fall.days, [{ day: '2025-10-26', downtime_s: 25 * 3600, outages: 0 }]);
  });

  it('reports one target when named, and refuses a name the folder does not hold', () => {
    const dataDir = dataFolder({ wan: { records: [[T, STARTED], [T, UP]] }, lan: { records: [[T, STARTED], [T, DOWN]] } });
    const one = historyOf(dataDir, { from: T, to: T + 60, target: 'lan' }, { ...UTC, liveTargets: ['lan', 'wan'], nowSeconds: T + 60 }, journals);
    assert.deepEqual(one.targets, [{ name: 'lan', uptime_s: 0, downtime_s: 60, unmonitored_s: 0 }]);
    assert.deepEqual(one.outages.map((o) => o.target), ['lan']);
    assert.throws(
      () => historyOf(dataDir, { from: T, to: T + 60, target: 'dsl' }, UTC, journals),
      (err) => err instanceof ApiFailure && err.code === 'not-found' && err.message === 'there is no target named "dsl"',
    );
  });

  it('answers with nothing for an empty folder, or one whose targets have recorded nothing yet', () => {
    const empty = { targets: [], outages: [], degraded: [], unmonitored: [] };
    const days = [{ day: '2025-06-02', downtime_s: 0, outages: 0 }, { day: '2025-06-03', downtime_s: 0, outages: 0 }];
    for (const dataDir of [tempDir(), dataFolder({ wan: { records: [] } })]) {
      const { days: heatMap, ...lists } = historyOf(dataDir, { from: T, to: T + 2 * 86_400 }, UTC, journals);
      assert.deepEqual(lists, { from: T, to: T + 2 * 86_400, zone: 'UTC', ...empty });
      assert.deepEqual(heatMap, days, 'the heat-map still has its days');
    }
  });

  it('refuses a journal with a broken line by naming the file and line, and skips a last line cut short by a crash', () => {
    const dataDir = dataFolder({ wan: { records: [[T, STARTED], [T + 1, UP], [T + 100, DOWN], [T + 200, UP]] } });
    const file = join(dataDir, 'wan', journalFileName(T));
    const good = JSON.stringify(outageStart('wan', T + 100, 'isp'));
    writeFileSync(file, `${good}\n{"type":"outage-start","target":"wan","start":"soon"}\n`);
    assert.throws(
      () => historyOf(dataDir, { from: T, to: T + 1000 }, UTC, journals),
      (err) => err instanceof UserError && err.message === `${file}:2: not a journal entry`,
    );
    writeFileSync(file, `${good}\n{"type":"outage-st`);
    assert.equal(historyOf(dataDir, { from: T, to: T + 1000 }, UTC, journals).outages[0]!.cause, 'isp');
  });

  it('refuses a transition log that is not one, naming it', () => {
    const dataDir = tempDir();
    mkdirSync(join(dataDir, 'wan'));
    writeFileSync(join(dataDir, 'wan', 'uptime_2025-06.log'), 'not records, a text file someone put here\n');
    assert.throws(() => historyOf(dataDir, { from: T, to: T + 1000 }, UTC, journals), (err) => err instanceof UserError && err.message.startsWith(join(dataDir, 'wan', 'uptime_2025-06.log')));
  });
});
