import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { dataFingerprint, digestData } from '../../../src/core/evidence/file-digest.js';
import { tempDir } from '../../support/tmp.js';

function dataFolder(): string {
  const dir = tempDir();
  mkdirSync(join(dir, 'wan'));
  writeFileSync(join(dir, 'wan', 'uptime_2025-10.log'), Buffer.from([1, 2, 3, 4, 5]));
  writeFileSync(join(dir, 'wan', 'events_2025-10.jsonl'), '{}\n');
  writeFileSync(join(dir, 'wan', 'target.json'), '{"name":"wan","address":"203.0.113.10"}\n');
  writeFileSync(join(dir, 'wan', '.alive'), '');
  writeFileSync(join(dir, 'wan', 'notes.txt'), 'not a record');
  return dir;
}

describe('data digest', () => {
  it('lists the record files, relative and sorted, in a manifest sha256sum can check', () => {
    const dir = dataFolder();
    const digest = digestData(dir, [join(dir, 'wan')]);
    assert.deepEqual(digest.files.map((f) => f.path), ['wan/events_2025-10.jsonl', 'wan/target.json', 'wan/uptime_2025-10.log']);
    assert.equal(digest.files[2]!.bytes, 5);
    writeFileSync(join(dir, 'SHA256SUMS'), digest.manifest);
    const checked = execFileSync('sha256sum', ['-c', 'SHA256SUMS'], { cwd: dir, encoding: 'utf8' });
    assert.equal(checked, 'wan/events_2025-10.jsonl: OK\nwan/target.json: OK\nwan/uptime_2025-10.log: OK\n');
  });

  it('changes when any byte does', () => {
    const dir = dataFolder();
    const before = digestData(dir, [join(dir, 'wan')]).sha256;
    assert.equal(digestData(dir, [join(dir, 'wan')]).sha256, before, 'stable');
    appendFileSync(join(dir, 'wan', 'uptime_2025-10.log'), Buffer.from([0]));
    assert.notEqual(digestData(dir, [join(dir, 'wan')]).sha256, before);
  });

  it('has a fingerprint that holds still until a record file is appended to or replaced', () => {
    const dir = dataFolder();
    const wan = [join(dir, 'wan')];
    const before = dataFingerprint(wan);
    writeFileSync(join(dir, 'wan', 'notes.txt'), 'not a record, changed');
    assert.equal(dataFingerprint(wan), before, 'files that are not records do not count');
    appendFileSync(join(dir, 'wan', 'uptime_2025-10.log'), Buffer.from([0, 0, 0, 0, 1]));
    const appended = dataFingerprint(wan);
    assert.notEqual(appended, before);
    writeFileSync(join(dir, 'wan', 'uptime_2025-11.log'), Buffer.alloc(0));
    assert.notEqual(dataFingerprint(wan), appended, 'a new file counts');
  });

  it('names a folder it cannot read', () => {
    assert.throws(() => digestData('/nonexistent', ['/nonexistent/wan']), /\/nonexistent\/wan: no such file or folder/);
  });
});
