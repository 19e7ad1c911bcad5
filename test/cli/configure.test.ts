import assert from 'node:assert/strict';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { loadConfig, saveConfig } from '../../src/core/config/config-file.js';
import { defaultConfig } from '../../src/core/config/defaults.js';
import { runCliWithInput } from '../support/cli.js';
import { tempDir } from '../support/tmp.js';

/** Instance, note, action; updown with one lab target; no other monitor; no notices; then "write?". */
const answers = (instance: string, write = 'y') =>
  [instance, '', '', 'y', '', '', '', '203.0.113.10=isp', '', '', 'n', 'n', 'n', '', '', '', write].join('\n') + '\n';

describe('nom configure (CLI)', () => {
  it('writes the instance configuration the daemon reads, owner-only', () => {
    const dir = tempDir();
    const r = runCliWithInput(['configure'], answers('lab'), { NOM_CONFIG_DIR: dir });
    assert.equal(r.code, 0, r.stderr);
    const path = join(dir, 'lab.json');
    assert.match(r.stdout, new RegExp(`Wrote '${path}'\\. Try it in a terminal first: nom daemon --instance lab`));
    assert.equal(statSync(path).mode & 0o777, 0o600);
    assert.deepEqual(loadConfig(path).updown.targets, [{ name: 'isp', address: '203.0.113.10' }]);
  });

  it('edits an existing file given with --out, offering its values as defaults', () => {
    const path = join(tempDir(), 'edit.json');
    const config = defaultConfig('office');
    config.updown.targets = [{ name: 'router', address: '192.0.2.1' }];
    saveConfig(path, config);
    const r = runCliWithInput(['configure', '--out', path], ['', '', '', 'y', '', '', '', '', '', '', 'n', 'n', 'n', '', '', '', 'y'].join('\n') + '\n');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Editing .*edit\.json/);
    assert.match(r.stdout, /Targets to monitor \(address\[=name\], comma-separated\) \[192\.0\.2\.1=router\]/);
    assert.match(r.stdout, /Replace configuration file/);
    assert.deepEqual(loadConfig(path), config);
  });

  it('writes nothing when told not to, or when the answers run out', () => {
    const dir = tempDir();
    const declined = runCliWithInput(['configure'], answers('lab', 'n'), { NOM_CONFIG_DIR: dir });
    assert.equal(declined.code, 0);
    assert.match(declined.stdout, /Nothing written\./);
    const cut = runCliWithInput(['configure'], 'lab\n\n', { NOM_CONFIG_DIR: dir });
    assert.notEqual(cut.code, 0);
    assert.equal(cut.stderr, 'nom: input ended before the configuration was complete; nothing was written\n');
    assert.equal(existsSync(join(dir, 'lab.json')), false);
  });

  it('refuses a configuration with no monitor enabled', () => {
    const dir = tempDir();
    const r = runCliWithInput(['configure'], ['lab', '', '', 'n', 'n', 'n', 'n', '', '', ''].join('\n') + '\n', { NOM_CONFIG_DIR: dir });
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /^nom: not written: 1 problem: no monitor is enabled/);
    assert.equal(existsSync(join(dir, 'lab.json')), false);
  });
});
