import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { saveConfig } from '../../src/core/config/config-file.js';
import { defaultConfig } from '../../src/core/config/defaults.js';
import { runCli, type CliResult } from '../support/cli.js';
import { tempDir, treeDigest } from '../support/tmp.js';

function assertRefused(r: CliResult, pattern: RegExp): void {
  assert.notEqual(r.code, 0);
  assert.equal(r.stdout, '');
  assert.equal(r.stderr.split('\n').filter(Boolean).length, 1, `one line expected, got: ${r.stderr}`);
  assert.match(r.stderr, /^nom: /);
  assert.match(r.stderr, pattern);
}

/** Each case fails before anything is probed or written. */
describe('nom daemon --config / --instance: bad input', () => {
  const root = tempDir();
  const data = join(root, 'data');
  mkdirSync(data);
  const good = join(root, 'good.json');
  const config = defaultConfig('good');
  config.updown.targets = [{ name: 'lab', address: '203.0.113.10' }];
  saveConfig(good, config);
  const daemon = (...args: string[]) => runCli(['daemon', '--data', data, ...args], { NOM_CONFIG_DIR: root });

  it('a missing file', () => {
    assertRefused(daemon('--config', join(root, 'none.json')), /none\.json: no such file or folder/);
  });

  it('an invalid file names every problem', () => {
    const bad = join(root, 'bad.json');
    writeFileSync(bad, JSON.stringify({ ...config, probe: 'carrier-pigeon', updown: { ...config.updown, pingcount: 0 } }));
    assertRefused(daemon('--config', bad), /bad\.json: 2 problems: probe: .*; updown\.pingcount: /);
  });

  it('a monitoring flag beside a configuration file', () => {
    assertRefused(daemon('--config', good, '--target', '203.0.113.5'), /--target cannot be combined with --config/);
    assertRefused(daemon('--instance', 'good', '--dns-server', '203.0.113.53'), /--dns-server cannot be combined with --instance/);
  });

  it('both --config and --instance', () => {
    assertRefused(daemon('--config', good, '--instance', 'good'), /give --config or --instance, not both/);
  });

  it('an unknown instance, and one whose name is not safe', () => {
    assertRefused(daemon('--instance', 'other'), /other\.json: no such file or folder/);
    assertRefused(daemon('--instance', '../good'), /--instance: "\.\.\/good" must be/);
  });

  it('an action script that is not there', () => {
    const withAction = join(root, 'action.json');
    saveConfig(withAction, { ...config, action: { script: join(root, 'missing-script'), timeout: 5 } });
    assertRefused(daemon('--config', withAction), /action script .*missing-script: not found/);
  });

  it('an --http address that is not [HOST:]PORT', () => {
    assertRefused(daemon('--config', good, '--http', 'everywhere'), /--http: "everywhere" is not \[HOST:\]PORT/);
    assertRefused(daemon('--config', good, '--http', '70000'), /--http: "70000" is not \[HOST:\]PORT/);
  });

  it('leaves the data folder untouched', () => {
    const before = treeDigest(data);
    daemon('--config', join(root, 'none.json'));
    daemon('--config', good, '--interval', '2');
    assert.equal(treeDigest(data), before);
  });
});
