import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { UserError } from '../../../src/core/errors.js';
import { readTransitionDir } from '../../../src/core/store/transition-log.js';
import { TransitionLogWriter, logFileName } from '../../../src/core/store/transition-log-writer.js';
import { Status, encodeV2 } from '../../../src/core/store/transition-record.js';
import { v1Bytes, v2Bytes } from '../../support/records.js';
import { tempDir, treeDigest } from '../../support/tmp.js';

const T = 1_760_127_128; // 2025-10-10 20:12:08 UTC
const WRITER = fileURLToPath(new URL('../../../src/core/store/transition-log-writer.ts', import.meta.url));

describe('reading a target folder', () => {
  it('sorts records by time across files whose names do not match their months', () => {
    const dir = tempDir();
    // November's records in the "October" file and the other way round, each file out of order.
    writeFileSync(join(dir, 'uptime_2025-10.log'), v2Bytes([[T + 3_000_000, Status.DOWN], [T + 2_000_000, Status.UP]]));
    writeFileSync(join(dir, 'uptime_2025-11.log'), v2Bytes([[T + 10, Status.UP], [T, Status.STARTED]]));
    const series = readTransitionDir(dir);
    assert.deepEqual([...series.times], [T, T + 10, T + 2_000_000, T + 3_000_000]);
    assert.deepEqual([...series.statuses], [Status.STARTED, Status.UP, Status.UP, Status.DOWN]);
  });

  it('keeps file order for records with the same second, as the original sort does', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'uptime_2025-10.log'), v2Bytes([[T + 5, Status.STOPPED], [T, Status.UP]]));
    writeFileSync(join(dir, 'uptime_2025-11.log'), v2Bytes([[T + 5, Status.STARTED]]));
    const series = readTransitionDir(dir);
    assert.deepEqual([...series.statuses], [Status.UP, Status.STOPPED, Status.STARTED]);
  });

  it('reads v1 and v2 files side by side and says which formats it met', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'uptime_2025-09.log'), v1Bytes([[T - 100, true], [T - 50, false]]));
    writeFileSync(join(dir, 'uptime_2025-10.log'), v2Bytes([[T, Status.UP]]));
    const series = readTransitionDir(dir);
    assert.deepEqual([...series.formats].sort(), ['v1', 'v2']);
    assert.deepEqual([...series.statuses], [Status.UP, Status.DOWN, Status.UP]);
  });

  it('ignores files that are not uptime_*.log', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'uptime_2025-10.log'), v2Bytes([[T, Status.UP]]));
    writeFileSync(join(dir, 'notes.txt'), 'hello');
    writeFileSync(join(dir, 'uptime_2025-10.log.bak'), 'junk');
    assert.equal(readTransitionDir(dir).times.length, 1);
  });

  it('never modifies what it reads, torn tail included', () => {
    const dir = tempDir();
    const torn = Buffer.concat([v2Bytes([[T, Status.UP], [T + 9, Status.DOWN]]), Buffer.from([1, 2])]);
    writeFileSync(join(dir, 'uptime_2025-10.log'), torn);
    const before = treeDigest(dir);
    assert.equal(readTransitionDir(dir).times.length, 2);
    assert.equal(treeDigest(dir), before);
  });

  it('names the file when it is foreign', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'uptime_2025-10.log'), 'PK\u0003\u0004 definitely a zip file');
    assert.throws(() => readTransitionDir(dir), (err: unknown) => err instanceof UserError && err.message.includes('uptime_2025-10.log'));
  });
});

describe('writing', () => {
  it('appends whole 5-byte records to the local month file', () => {
    const dir = join(tempDir(), 'target');
    const writer = new TransitionLogWriter(dir);
    writer.append(T, Status.STARTED);
    writer.append(T + 2, Status.UP);
    const file = join(dir, logFileName(T));
    assert.deepEqual(readFileSync(file), v2Bytes([[T, Status.STARTED], [T + 2, Status.UP]]));
  });

  it('names files by the local month, as the original does', () => {
    // 23:30 UTC on 31 October is already November in Oslo.
    const oct31Late = Date.UTC(2025, 9, 31, 23, 30) / 1000;
    const inZone = (tz: string) =>
      execFileSync(process.execPath, ['--import', 'tsx', '-e', `import('${WRITER}').then((m) => process.stdout.write(m.logFileName(${oct31Late})))`], {
        env: { ...process.env, TZ: tz },
        encoding: 'utf8',
      });
    assert.equal(inZone('UTC'), 'uptime_2025-10.log');
    assert.equal(inZone('Europe/Oslo'), 'uptime_2025-11.log');
  });

  it('repairs a torn tail before appending, so the next record is read right', () => {
    const dir = tempDir();
    const file = join(dir, logFileName(T));
    writeFileSync(file, Buffer.concat([v2Bytes([[T, Status.UP]]), encodeV2(T + 5, Status.DOWN).subarray(0, 3)]));
    new TransitionLogWriter(dir).append(T + 60, Status.DOWN);
    assert.deepEqual(readFileSync(file), v2Bytes([[T, Status.UP], [T + 60, Status.DOWN]]));
    assert.deepEqual([...readTransitionDir(dir).times], [T, T + 60]);
  });

  it('rewrites an old 4-byte file in the 5-byte format before appending to it', () => {
    const dir = tempDir();
    const file = join(dir, logFileName(T));
    writeFileSync(file, v1Bytes([[T, true], [T + 30, false]]));
    new TransitionLogWriter(dir).append(T + 90, Status.UP);
    assert.deepEqual(readFileSync(file), v2Bytes([[T, Status.UP], [T + 30, Status.DOWN], [T + 90, Status.UP]]));
  });

  it('refuses to append to a foreign file and leaves it untouched', () => {
    const dir = tempDir();
    writeFileSync(join(dir, logFileName(T)), 'not a log, but someone else\'s data');
    const before = treeDigest(dir);
    assert.throws(() => new TransitionLogWriter(dir).append(T, Status.UP), /refusing to append/);
    assert.equal(treeDigest(dir), before);
  });

  it('creates the target folder when it is missing', () => {
    const dir = join(tempDir(), 'a', 'b');
    new TransitionLogWriter(dir).append(T, Status.STARTED);
    assert.equal(readTransitionDir(dir).times.length, 1);
  });

  it('a crash mid-write loses only the record being written', () => {
    const dir = tempDir();
    const writer = new TransitionLogWriter(dir);
    writer.append(T, Status.STARTED);
    writer.append(T + 1, Status.UP);
    const file = join(dir, logFileName(T));
    // What a crash during the third append can leave behind: any prefix of its 5 bytes.
    const good = readFileSync(file);
    for (let cut = 0; cut < 5; cut++) {
      writeFileSync(file, Buffer.concat([good, encodeV2(T + 7, Status.DOWN).subarray(0, cut)]));
      assert.deepEqual([...readTransitionDir(dir).times], [T, T + 1]);
    }
  });
});
