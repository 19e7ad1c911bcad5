import assert from 'node:assert/strict';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { loadConfig, saveConfig } from '../../../src/core/config/config-file.js';
import { CONFIG_MIGRATIONS, migrateConfig } from '../../../src/core/config/config-migrations.js';
import { defaultConfig } from '../../../src/core/config/defaults.js';
import { UserError } from '../../../src/core/errors.js';
import { CONFIG_VERSION, DESKTOP_NOTIFY_DEFAULTS, nomConfig, type NomConfig, type NotifyConfig } from '../../../src/shared/config-schema.js';
import { tempDir } from '../../support/tmp.js';

/** A configuration as nom wrote it at version 1: `notify` without `desktop`. */
function versionOne(): Record<string, unknown> {
  const config = defaultConfig('home');
  const notify: Partial<NotifyConfig> = { ...config.notify };
  delete notify.desktop;
  return { ...config, version: 1, notify };
}

describe('configuration versions and their migrations', () => {
  it('has a migration from every older version to the next', () => {
    assert.equal(CONFIG_VERSION, 2);
    for (let v = 1; v < CONFIG_VERSION; v++) assert.equal(typeof CONFIG_MIGRATIONS[v], 'function', `from version ${v}`);
  });

  it('takes a version-1 file to version 2 with the desktop notifications at their defaults, and says where it came from', () => {
    const { config, from } = migrateConfig(versionOne());
    assert.equal(from, 1);
    const parsed = nomConfig.parse(config);
    assert.equal(parsed.version, 2);
    assert.deepEqual(parsed.notify.desktop, DESKTOP_NOTIFY_DEFAULTS);
    assert.deepEqual(parsed, defaultConfig('home'), 'nothing else changed');
  });

  it('keeps desktop notifications a version-1 file already has, and leaves a current file as it is', () => {
    const quiet = { enabled: true, events: ['outage'], quietHours: { from: '22:00', to: '07:00' }, coalesceS: 60 };
    const one = versionOne();
    const withDesktop = { ...one, notify: { ...(one.notify as object), desktop: quiet } };
    assert.deepEqual(nomConfig.parse(migrateConfig(withDesktop).config).notify.desktop, quiet);
    const current = defaultConfig('home');
    assert.deepEqual(migrateConfig(current), { config: current, from: 2 });
  });

  it('refuses a file from a newer nom, and one without a version, each in one sentence', () => {
    const refused = (raw: unknown, pattern: RegExp) =>
      assert.throws(() => migrateConfig(raw), (err: unknown) => err instanceof UserError && pattern.test(err.message));
    refused({ ...defaultConfig('home'), version: 3 }, /^written by a newer nom \(version 3\); this nom reads up to 2$/);
    const unversioned: Partial<NomConfig> = defaultConfig('home');
    delete unversioned.version;
    refused(unversioned, /^version: missing/);
    refused({ ...defaultConfig('home'), version: 1.5 }, /^version: 1\.5 is not a version of nom's configuration \(a whole number from 1 to 2\)$/);
    refused({ ...defaultConfig('home'), version: '2' }, /^version: "2" is not a version/);
    refused(['not', 'an', 'object'], /must hold one JSON object/);
  });

  it('the daemon reads a version-1 file as version 2 and leaves the file as it was', () => {
    const path = join(tempDir(), 'home.json');
    const text = JSON.stringify(versionOne(), null, 2) + '\n';
    writeFileSync(path, text, { mode: 0o600 });
    const before = statSync(path).mtimeMs;
    const config = loadConfig(path);
    assert.equal(config.version, 2);
    assert.deepEqual(config, defaultConfig('home'));
    assert.equal(readFileSync(path, 'utf8'), text, 'reading never rewrites');
    assert.equal(statSync(path).mtimeMs, before);

    saveConfig(path, config);
    assert.equal((JSON.parse(readFileSync(path, 'utf8')) as { version: number }).version, 2, 'the next save writes version 2');
  });

  it('names the file in the daemon’s refusal of a newer version', () => {
    const path = join(tempDir(), 'future.json');
    writeFileSync(path, JSON.stringify({ ...defaultConfig('home'), version: 7 }));
    assert.throws(() => loadConfig(path), /future\.json: written by a newer nom \(version 7\); this nom reads up to 2$/);
  });

  it('still names every problem of a migrated file by its field', () => {
    const path = join(tempDir(), 'bad.json');
    const one = versionOne();
    writeFileSync(path, JSON.stringify({ ...one, updown: { ...(one.updown as object), interval: 0.1 } }));
    assert.throws(() => loadConfig(path), /bad\.json: 1 problem: updown\.interval: /);
  });
});
