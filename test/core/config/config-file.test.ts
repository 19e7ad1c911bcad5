import assert from 'node:assert/strict';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { configDir, instanceConfigPath, loadConfig, saveConfig } from '../../../src/core/config/config-file.js';
import { defaultConfig } from '../../../src/core/config/defaults.js';
import { UserError } from '../../../src/core/errors.js';
import { tempDir } from '../../support/tmp.js';

describe('configuration files', () => {
  it('saves whole, owner-only, and loads back equal', () => {
    const path = join(tempDir(), 'sub', 'main.json');
    const config = defaultConfig('main');
    saveConfig(path, config);
    assert.equal(statSync(path).mode & 0o777, 0o600);
    assert.deepEqual(loadConfig(path), config);
  });

  it('names the file and every problem on one line', () => {
    const path = join(tempDir(), 'bad.json');
    const config = { ...defaultConfig('main'), instance: 'no spaces', updown: { ...defaultConfig('main').updown, interval: 0 } };
    writeFileSync(path, JSON.stringify(config));
    assert.throws(() => loadConfig(path), (err: unknown) => {
      assert.ok(err instanceof UserError);
      assert.match(err.message, /bad\.json: 2 problems: instance: .*; updown\.interval: /);
      return true;
    });
  });

  it('refuses unknown keys, bad JSON, a missing file and a config with nothing enabled', () => {
    const dir = tempDir();
    const write = (name: string, text: string) => {
      writeFileSync(join(dir, name), text);
      return join(dir, name);
    };
    assert.throws(() => loadConfig(write('extra.json', JSON.stringify({ ...defaultConfig('m'), colour: 'red' }))), /extra\.json: 1 problem: Unrecognized key: "colour"/i);
    assert.throws(() => loadConfig(write('broken.json', '{')), /broken\.json: not valid JSON/);
    assert.throws(() => loadConfig(join(dir, 'none.json')), /none\.json: no such file or folder/);
    const off = defaultConfig('m');
    off.updown.enabled = false;
    assert.throws(() => loadConfig(write('off.json', JSON.stringify(off))), /no monitor is enabled/);
  });

  it('refuses two targets of one monitor with one name, and a failover link named as an updown target', () => {
    const dir = tempDir();
    const twice = defaultConfig('m');
    twice.updown.targets = [
      { name: 'wan', address: '192.0.2.1' },
      { name: 'wan', address: '198.51.100.1' },
    ];
    writeFileSync(join(dir, 'twice.json'), JSON.stringify(twice));
    assert.throws(() => loadConfig(join(dir, 'twice.json')), /updown\.targets\.1\.name: the name "wan" is used twice/);

    const clash = defaultConfig('m');
    clash.updown.targets = [{ name: 'fibre', address: '198.51.100.1' }];
    const link = (name: string, iface: string, gateway: string) => ({ name, interface: iface, gateway, ping: null, postping: null });
    clash.failover = {
      enabled: true, interval: 1, pingcount: 1, pingwait: 1, preferPrimary: true, metric: 10, failbackAfter: 30,
      primary: link('fibre', 'eth0', '192.0.2.1'),
      standby: link('lte', 'eth1', '198.51.100.254'),
    };
    writeFileSync(join(dir, 'clash.json'), JSON.stringify(clash));
    assert.throws(() => loadConfig(join(dir, 'clash.json')), /failover\.primary\.name: "fibre" is also an updown target's name/);
    clash.failover.primary.name = 'fibre-link';
    writeFileSync(join(dir, 'clash.json'), JSON.stringify(clash));
    assert.equal(loadConfig(join(dir, 'clash.json')).failover?.primary.name, 'fibre-link');
  });

  it('does not leave a half-written file when the configuration is invalid', () => {
    const path = join(tempDir(), 'main.json');
    writeFileSync(path, 'before');
    assert.throws(() => saveConfig(path, { ...defaultConfig('main'), version: 3 as 2 }));
    assert.equal(readFileSync(path, 'utf8'), 'before');
  });

  it('finds instances in NOM_CONFIG_DIR, else the XDG config folder, and refuses unsafe names', () => {
    assert.equal(instanceConfigPath('home', { NOM_CONFIG_DIR: '/srv/nom' }), '/srv/nom/home.json');
    if (process.getuid?.() !== 0) assert.equal(configDir({ XDG_CONFIG_HOME: '/x' }), '/x/nom');
    assert.throws(() => instanceConfigPath('../etc/passwd', {}), /--instance/);
  });
});
