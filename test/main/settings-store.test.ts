import assert from 'node:assert/strict';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import Conf from 'conf';
import { loadConfig } from '../../src/core/config/config-file.js';
import { defaultConfig } from '../../src/core/config/defaults.js';
import { UserError } from '../../src/core/errors.js';
import { runtimeHandlers } from '../../src/core/runtime/api-handlers.js';
import { readTransitionDir } from '../../src/core/store/transition-log.js';
import { STATUS_NAMES } from '../../src/core/store/transition-record.js';
import { namedZone } from '../../src/core/time/zone.js';
import { openSettings, settingsStoreOptions } from '../../src/main/settings-store.js';
import type { NomConfig, NotifyConfig } from '../../src/shared/config-schema.js';
import { runtimeRig, S0, TARGET, updownConfig } from '../core/runtime/runtime-rig.js';
import { tempDir } from '../support/tmp.js';

/** The store as main.ts makes it (electron-store is conf with Electron's folders), in a folder of the test's own. */
const storeIn = (dir: string) => new Conf<Record<string, unknown>>({ ...settingsStoreOptions(), cwd: dir, configName: 'settings' });
const defaults = () => defaultConfig('desktop');

/** A configuration as nom wrote it at version 1: `notify` without `desktop`. */
function versionOne(config: NomConfig): Record<string, unknown> {
  const notify: Partial<NotifyConfig> = { ...config.notify };
  delete notify.desktop;
  return { ...config, version: 1, notify };
}

function refusal(pattern: RegExp) {
  return (err: unknown) => {
    assert.ok(err instanceof UserError, String(err));
    assert.match(err.message, pattern);
    return true;
  };
}

describe('the app’s settings in electron-store', () => {
  it('writes the defaults into an empty store once, as a file nom daemon --config reads, owner-only', () => {
    const dir = tempDir();
    const settings = openSettings(storeIn(dir), defaults);
    assert.equal(settings.path, join(dir, 'settings.json'));
    assert.equal(settings.problem, null);
    assert.deepEqual(settings.config, defaults());
    assert.deepEqual(loadConfig(settings.path), defaults());
    assert.equal(statSync(settings.path).mode & 0o777, 0o600);
    assert.equal(readFileSync(settings.path, 'utf8'), JSON.stringify(defaults(), null, 2) + '\n', 'the bytes saveConfig writes');
  });

  it('round-trips a save: reopened, and read by the daemon, it is the same configuration', () => {
    const dir = tempDir();
    const settings = openSettings(storeIn(dir), defaults);
    const changed = defaults();
    changed.updown.interval = 2;
    changed.updown.targets.push({ name: 'lab', address: '192.0.2.50' });
    changed.notify.desktop = { enabled: true, events: ['outage', 'restored'], quietHours: { from: '22:30', to: '07:00' }, coalesceS: 60 };
    settings.save(changed);
    assert.deepEqual(settings.config, changed);
    assert.deepEqual(openSettings(storeIn(dir), defaults).config, changed);
    assert.deepEqual(loadConfig(settings.path), changed);
    assert.equal(statSync(settings.path).mode & 0o777, 0o600);
  });

  it('migrates a version-1 file in memory and writes version 2 only on the next save', () => {
    const dir = tempDir();
    const path = join(dir, 'settings.json');
    const old = versionOne({ ...defaults(), note: 'from nom 0.1' });
    const text = JSON.stringify(old, null, 2) + '\n';
    writeFileSync(path, text, { mode: 0o600 });

    const settings = openSettings(storeIn(dir), defaults);
    assert.equal(settings.problem, null);
    assert.equal(settings.config.version, 2);
    assert.equal(settings.config.note, 'from nom 0.1');
    assert.deepEqual(settings.config.notify.desktop, defaults().notify.desktop);
    assert.equal(readFileSync(path, 'utf8'), text, 'opening does not rewrite the file');

    settings.save(settings.config);
    assert.equal((JSON.parse(readFileSync(path, 'utf8')) as { version: number }).version, 2);
    assert.deepEqual(loadConfig(path), settings.config);
  });

  it('refuses a bad value with its field’s message and leaves the file’s bytes as they were', () => {
    const dir = tempDir();
    const settings = openSettings(storeIn(dir), defaults);
    const before = readFileSync(settings.path);
    const bad = defaults();
    bad.updown.interval = 0.1;
    assert.throws(() => settings.save(bad), refusal(/^settings not saved: 1 problem: updown\.interval: .*0\.2/));
    const quiet = defaults();
    quiet.notify.desktop.quietHours = { from: '25:00', to: '07:00' };
    assert.throws(() => settings.save(quiet), refusal(/notify\.desktop\.quietHours\.from: must be a time of day such as 22:30/));
    assert.deepEqual(readFileSync(settings.path), before);
    assert.deepEqual(settings.config, defaults());
  });

  it('leaves an invalid file as it is, runs on the defaults, and says what is wrong and where', () => {
    const dir = tempDir();
    const path = join(dir, 'settings.json');
    const broken = { ...defaults(), updown: { ...defaults().updown, interval: 0.1 } };
    writeFileSync(path, JSON.stringify(broken, null, 2), { mode: 0o600 });
    const before = readFileSync(path);

    const settings = openSettings(storeIn(dir), defaults);
    assert.deepEqual(settings.config, defaults());
    assert.match(settings.problem ?? '', new RegExp(`^settings file ${path}: 1 problem: updown\\.interval: .*0\\.2.*; nom is running with the default settings and will not overwrite the file until you save$`));
    assert.deepEqual(readFileSync(path), before);

    settings.save(defaults());
    assert.equal(settings.problem, null, 'a save replaces the broken file');
    assert.deepEqual(loadConfig(path), defaults());
  });

  it('leaves a file that is not JSON, or from a newer nom, as it is', () => {
    for (const [text, said] of [
      ['{"version": 2, "instance": ', /not valid JSON/],
      ['[1, 2]', /must hold one JSON object/],
      [JSON.stringify({ ...defaults(), version: 3 }), /written by a newer nom \(version 3\); this nom reads up to 2/],
    ] as const) {
      const dir = tempDir();
      const path = join(dir, 'settings.json');
      writeFileSync(path, text);
      const settings = openSettings(storeIn(dir), defaults);
      assert.match(settings.problem ?? '', said);
      assert.deepEqual(settings.config, defaults());
      assert.equal(readFileSync(path, 'utf8'), text);
    }
  });

  it('runs on the defaults, saying so, when the folder cannot be written', () => {
    const denied = Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
    const readOnly = {
      path: '/read-only/settings.json',
      get store(): Record<string, unknown> {
        return {};
      },
      set store(_value: Record<string, unknown>) {
        throw denied;
      },
    };
    const settings = openSettings(readOnly, defaults);
    assert.deepEqual(settings.config, defaults());
    assert.equal(settings.problem, 'settings file /read-only/settings.json: permission denied; nom is running with the default settings, which it could not write there');
    assert.throws(() => settings.save(defaults()), refusal(/^\/read-only\/settings\.json: permission denied$/));
  });
});

describe('a settings save in the running app', () => {
  const records = (dir: string) => {
    const s = readTransitionDir(dir);
    return [...s.times].map((t, i) => `${t - S0} ${STATUS_NAMES[s.statuses[i]!]}`);
  };

  it('is written to the store and applied without a restart, each session closed and reopened in the same second', async () => {
    const data = tempDir();
    const config = updownConfig([TARGET]);
    const { runtime, clock, stop, settle } = runtimeRig(data, () => ({ kind: 'reply', rttMs: 5 }), config);
    const settings = openSettings(storeIn(tempDir()), () => config);
    const handlers = runtimeHandlers(runtime, { dataDir: data, settings, zone: namedZone('UTC') });
    await runtime.start();
    await clock.advance(10_000);

    const changed = { ...config, updown: { ...config.updown, interval: 2, targets: [TARGET, { name: 'lab', address: '198.51.100.7' }] } };
    const answer = await settle(handlers['settings-save']({ config: changed }));
    assert.deepEqual(answer, { issues: [], restarted: ['updown'], saved: true });
    assert.deepEqual(loadConfig(settings.path), changed, 'the store holds what was saved');
    assert.deepEqual(runtime.currentConfig, changed);

    const refused = await settle(handlers['settings-save']({ config: { ...changed, updown: { ...changed.updown, interval: 0 } } }));
    assert.equal(refused.saved, false);
    assert.deepEqual(refused.issues.map((i) => i.path.join('.')), ['updown.interval']);
    assert.deepEqual(loadConfig(settings.path), changed, 'a refused save leaves the store as it was');

    await clock.advance(10_000);
    await stop();
    assert.deepEqual(records(join(data, 'internet')), ['0 STARTED', '0 UP', '10 STOPPED', '10 STARTED', '10 UP', '20 STOPPED'], 'no time lost between the sessions');
    assert.deepEqual(records(join(data, 'lab')), ['10 STARTED', '10 UP', '20 STOPPED']);
    assert.deepEqual(runtime.status().targets.map((t) => t.name), ['internet', 'lab']);
  });
});
