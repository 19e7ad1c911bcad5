import assert from 'node:assert/strict';
import { appendFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { UserError } from '../../../src/core/errors.js';
import { JournalWriter, journalFileName, readJournal } from '../../../src/core/store/journal.js';
import { Status } from '../../../src/core/store/transition-record.js';
import { namedZone } from '../../../src/core/time/zone.js';
import { historyOf } from '../../../src/core/views/history-query.js';
import { JournalCache } from '../../../src/core/views/journal-cache.js';
import { outageOf } from '../../../src/core/views/outage-query.js';
import { at, dataFolder, outageStart } from './data-folder.js';

const { STARTED, UP, DOWN } = Status;
const T = at('2025-06-02T00:00:00Z');
const JULY = at('2025-07-01T12:00:00Z');
const OPTIONS = { zone: namedZone('UTC'), liveTargets: [], nowSeconds: JULY + 86_400 };
const RANGE = { from: T, to: JULY + 86_400 };

/** A target down twice, once in June and once in July, its journal holding nothing yet. */
function folder(): { dataDir: string; dir: string; june: string } {
  const dataDir = dataFolder({ wan: { records: [[T, STARTED], [T + 1, UP], [T + 100, DOWN], [T + 400, UP], [JULY, DOWN], [JULY + 60, UP]] } });
  const dir = join(dataDir, 'wan');
  return { dataDir, dir, june: join(dir, journalFileName(T)) };
}

const line = (entry: object) => JSON.stringify(entry) + '\n';

describe('the journal cache', () => {
  it('sees a line the daemon appends after a first call, in the next call', () => {
    const { dataDir, dir } = folder();
    const journals = new JournalCache();
    const writer = new JournalWriter(dir);
    writer.append(outageStart('wan', T + 100, 'isp'), T + 100);
    assert.deepEqual(historyOf(dataDir, RANGE, OPTIONS, journals).outages.map((o) => o.cause), ['isp', null]);

    writer.append(outageStart('wan', JULY, 'local'), JULY);
    assert.deepEqual(historyOf(dataDir, RANGE, OPTIONS, journals).outages.map((o) => o.cause), ['isp', 'local'], 'a new month file');
    const bounds = { last_success_before: null, first_failure: (T + 100) * 1000, last_failure: null, first_success_after: (T + 400) * 1000 };
    writer.append({ type: 'outage-end', target: 'wan', start: T + 100, end: T + 400, bounds, addping: [] }, T + 400);
    assert.deepEqual(outageOf(dataDir, 'wan', T + 100, OPTIONS, journals).bounds, bounds, 'a line appended to a file already read');
    assert.deepEqual(journals.read(dir), readJournal(dir));
  });

  it('reads a rewritten shorter file again, and forgets one that has gone', () => {
    const { dataDir, dir, june } = folder();
    const journals = new JournalCache();
    writeFileSync(june, line(outageStart('wan', T + 100, 'isp')) + line(outageStart('wan', T + 200, 'unknown')));
    assert.equal(journals.read(dir).length, 2);

    writeFileSync(june, line(outageStart('wan', T + 100, 'target')));
    assert.deepEqual(historyOf(dataDir, RANGE, OPTIONS, journals).outages.map((o) => o.cause), ['target', null]);
    rmSync(june);
    assert.deepEqual(journals.read(dir), []);
  });

  it('finishes a last line cut short by a crash once the rest of it is written', () => {
    const { dir, june } = folder();
    const journals = new JournalCache();
    const whole = line(outageStart('wan', T + 100, 'isp'));
    writeFileSync(june, whole.slice(0, 30));
    assert.deepEqual(journals.read(dir), [], 'the torn line is skipped');
    appendFileSync(june, whole.slice(30));
    assert.deepEqual(journals.read(dir), readJournal(dir));
    assert.equal(journals.read(dir).length, 1);
  });

  it('keeps refusing a broken line until it is mended, naming the file and line', () => {
    const { dir, june } = folder();
    const journals = new JournalCache();
    writeFileSync(june, `${line(outageStart('wan', T + 100, 'isp'))}{"type":"outage-start","target":"wan","start":"soon"}\n`);
    for (let call = 0; call < 2; call++) assert.throws(() => journals.read(dir), (err) => err instanceof UserError && err.message === `${june}:2: not a journal entry`);
    writeFileSync(june, line(outageStart('wan', T + 100, 'isp')));
    assert.equal(journals.read(dir).length, 1);
  });

  it('reads a file that has not changed only once', () => {
    const { dir } = folder();
    const journals = new JournalCache();
    new JournalWriter(dir).append(outageStart('wan', T + 100, 'isp'), T + 100);
    const [first] = journals.read(dir);
    const [again] = journals.read(dir);
    assert.equal(again, first, 'the very entry kept from the first read');
  });
});
