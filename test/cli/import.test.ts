import assert from 'node:assert/strict';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { loadConfig } from '../../src/core/config/config-file.js';
import { nomConfig } from '../../src/shared/config-schema.js';
import { runCli } from '../support/cli.js';
import { FIXTURES } from '../support/fixtures.js';
import { tempDir, treeDigest } from '../support/tmp.js';

const imon = (name: string) => join(FIXTURES, 'imon', name);

describe('nom import imon (CLI)', () => {
  it('prints the configuration for the valid fixture', () => {
    const r = runCli(['import', 'imon', imon('imon-demo')]);
    assert.equal(r.code, 0, r.stderr);
    const parsed = nomConfig.safeParse(JSON.parse(r.stdout));
    assert.ok(parsed.success);
    assert.equal(parsed.data.instance, 'demo');
    assert.match(r.stderr, /^note: /m);
  });

  it('writes it with --out, owner-only, loadable by the daemon, and will not overwrite without --force', () => {
    const dir = tempDir();
    const out = join(dir, 'demo.json');
    const r = runCli(['import', 'imon', imon('imon-demo'), '--out', out]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /wrote .*demo\.json \(instance demo: updown\); run: nom daemon --config /);
    assert.equal(statSync(out).mode & 0o777, 0o600);
    assert.equal(loadConfig(out).instance, 'demo');

    writeFileSync(out, 'mine');
    const again = runCli(['import', 'imon', imon('imon-demo'), '--out', out]);
    assert.notEqual(again.code, 0);
    assert.match(again.stderr, /already exists \(add --force/);
    assert.equal(readFileSync(out, 'utf8'), 'mine');
    assert.equal(runCli(['import', 'imon', imon('imon-demo'), '--out', out, '--force']).code, 0);
    assert.equal(loadConfig(out).instance, 'demo');
  });

  for (const [fixture, pattern] of [
    ['imon-bad-syntax', /imon-bad-syntax: not valid JSON/],
    ['imon-failover-missing', /imon-failover-missing: 2 problems: failover\.primary-gw: .*; failover\.standby-gw: /],
    ['no-such-file', /no-such-file: no such file or folder/],
  ] as const) {
    it(`refuses ${fixture}: one line, non-zero exit, no config written`, () => {
      const dir = tempDir();
      const before = treeDigest(dir);
      const r = runCli(['import', 'imon', imon(fixture), '--out', join(dir, 'out.json')]);
      assert.notEqual(r.code, 0);
      assert.equal(r.stdout, '');
      assert.equal(r.stderr.split('\n').filter(Boolean).length, 1, r.stderr);
      assert.match(r.stderr, pattern);
      assert.equal(treeDigest(dir), before);
    });
  }
});
