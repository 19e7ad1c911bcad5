import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Status } from '../../src/core/store/transition-record.js';
import { runCli, type CliResult } from '../support/cli.js';
import { v2Bytes } from '../support/records.js';
import { tempDir, treeDigest } from '../support/tmp.js';

const T = 1_760_127_128;

/** One clear line on stderr, a non-zero exit, nothing on stdout, and the data folder as it was. */
function assertRefused(r: CliResult, pattern: RegExp): void {
  assert.notEqual(r.code, 0);
  assert.equal(r.stdout, '');
  assert.equal(r.stderr.split('\n').filter(Boolean).length, 1, `one line expected, got: ${r.stderr}`);
  assert.match(r.stderr, /^nom: /);
  assert.match(r.stderr, pattern);
}

function goodTarget(root: string, name = 'home'): string {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'uptime_2025-10.log'), v2Bytes([[T, Status.STARTED], [T + 1, Status.UP], [T + 60, Status.DOWN], [T + 90, Status.UP]]));
  return dir;
}

describe('bad input gets one clear error and changes nothing', () => {
  it('a missing folder', () => {
    const root = tempDir();
    const before = treeDigest(root);
    assertRefused(runCli(['log', '--load', join(root, 'nope')]), /nope: no such file or folder/);
    assertRefused(runCli(['report', '--data', join(root, 'nope')]), /nope: no such file or folder/);
    assert.equal(treeDigest(root), before);
  });

  it('an empty folder', () => {
    const root = tempDir();
    assertRefused(runCli(['log', '--load', root]), /no log files found/);
    assertRefused(runCli(['report', '--data', root]), /no transition logs here/);
  });

  it('log files that hold no record yet', () => {
    const root = tempDir();
    writeFileSync(join(root, 'uptime_2025-10.log'), '');
    const before = treeDigest(root);
    assertRefused(runCli(['log', '--load', root]), /hold no records yet/);
    assertRefused(runCli(['report', '--data', root]), /no records yet/);
    assert.equal(treeDigest(root), before);
  });

  it('a file given where a folder is expected', () => {
    const root = tempDir();
    const file = join(goodTarget(root), 'uptime_2025-10.log');
    assertRefused(runCli(['log', '--load', file]), /not a folder/);
  });

  it('an unknown flag, a missing value, an unknown command, a bad format', () => {
    const root = tempDir();
    const dir = goodTarget(root);
    assertRefused(runCli(['log', '--load', dir, '--bogus']), /unknown option '--bogus'/);
    assertRefused(runCli(['log', '--load']), /argument missing/);
    assertRefused(runCli(['frobnicate']), /unknown command 'frobnicate'/);
    assertRefused(runCli(['report', '--data', dir, '--format', 'docx']), /'docx' is invalid/);
  });

  it('bad times, time zones and targets', () => {
    const root = tempDir();
    goodTarget(root);
    assertRefused(runCli(['report', '--data', root, '--from', 'last tuesday']), /--from: cannot read "last tuesday"/);
    assertRefused(runCli(['report', '--data', root, '--from', '2025-10-12', '--to', '2025-10-01']), /--from must be before --to/);
    assertRefused(runCli(['report', '--data', root, '--tz', 'Nowhere/Special']), /unknown time zone/);
    assertRefused(runCli(['report', '--data', root, '--target', 'office']), /no target named "office" \(found: home\)/);
  });

  it('an unreadable log file', () => {
    const root = tempDir();
    const dir = goodTarget(root);
    // A folder where a log file should be cannot be read as a file, even by root.
    mkdirSync(join(dir, 'uptime_2025-11.log'));
    const before = treeDigest(root);
    assertRefused(runCli(['log', '--load', dir]), /uptime_2025-11\.log: is a folder, not a file/);
    assertRefused(runCli(['report', '--data', root]), /uptime_2025-11\.log: is a folder, not a file/);
    assert.equal(treeDigest(root), before);
  });

  it('a foreign file among the logs', () => {
    const root = tempDir();
    const dir = goodTarget(root);
    writeFileSync(join(dir, 'uptime_2025-11.log'), '<html><body>oops, a saved web page</body></html>');
    const before = treeDigest(root);
    assertRefused(runCli(['log', '--load', dir]), /uptime_2025-11\.log: not a network-outage-monitor log/);
    assertRefused(runCli(['report', '--data', root, '--format', 'json']), /uptime_2025-11\.log: not a network-outage-monitor log/);
    assert.equal(treeDigest(root), before);
  });

  it('--out into a folder that does not exist', () => {
    const root = tempDir();
    goodTarget(root);
    assertRefused(runCli(['report', '--data', root, '--out', join(root, 'no', 'such', 'report.md')]), /no such file or folder/);
  });

  it('--help is true for every command and exits 0', () => {
    for (const args of [['--help'], ['log', '--help'], ['report', '--help']]) {
      const r = runCli(args);
      assert.equal(r.code, 0);
      assert.match(r.stdout, /^Usage: nom/);
    }
    assert.match(runCli(['--help']).stdout, /log \[options\][\s\S]*report \[options\]/);
  });
});
