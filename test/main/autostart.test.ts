import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { autostart, desktopEntry, type AutostartDeps } from '../../src/main/autostart.js';
import { FakeApp } from '../support/electron-fake.js';
import { tempDir, treeDigest } from '../support/tmp.js';

const EXE = '/opt/nom/nom';

/** Linux with a temporary XDG_CONFIG_HOME, and no package-installed entry unless a test puts one in XDG_CONFIG_DIRS. */
function linux(env: NodeJS.ProcessEnv = {}) {
  const root = tempDir();
  const config = join(root, 'config');
  const system = join(root, 'xdg');
  const deps: AutostartDeps = { platform: 'linux', env: { XDG_CONFIG_HOME: config, XDG_CONFIG_DIRS: system, ...env }, home: join(root, 'home'), command: [EXE], app: new FakeApp() };
  return { root, config, system, file: join(config, 'autostart', 'nom.desktop'), start: autostart(deps), deps };
}

/** The desktop file's keys, as a desktop reads them. */
function keys(text: string): Record<string, string> {
  const lines = text.split('\n').filter((l) => l !== '');
  assert.equal(lines[0], '[Desktop Entry]');
  return Object.fromEntries(lines.slice(1).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
}

describe('start at login on Linux: a desktop file in the autostart folder', () => {
  it('on: writes a valid entry that starts nom to the tray; off: removes it', async () => {
    const { file, start, config } = linux();
    assert.equal(start.isEnabled(), false);
    await start.setEnabled(true);
    assert.equal(start.isEnabled(), true);
    const entry = keys(readFileSync(file, 'utf8'));
    assert.deepEqual(
      { type: entry.Type, name: entry.Name, exec: entry.Exec, enabled: entry['X-GNOME-Autostart-enabled'], terminal: entry.Terminal },
      { type: 'Application', name: 'nom', exec: '/opt/nom/nom --hidden', enabled: 'true', terminal: 'false' },
    );
    assert.deepEqual(readdirSync(join(config, 'autostart')), ['nom.desktop'], 'written whole: no temporary file left');
    await start.setEnabled(false);
    assert.equal(existsSync(file), false);
    assert.equal(start.isEnabled(), false);
    await start.setEnabled(false);
    assert.equal(start.isEnabled(), false, 'turning off twice is no error');
  });

  it('an AppImage is started by its own file, not by the mounted copy running now', async () => {
    const { file, start } = linux({ APPIMAGE: '/home/ann/Apps/nom-0.1.0.AppImage' });
    await start.setEnabled(true);
    assert.equal(keys(readFileSync(file, 'utf8')).Exec, '/home/ann/Apps/nom-0.1.0.AppImage --hidden');
  });

  it('without XDG_CONFIG_HOME, ~/.config/autostart', async () => {
    const { deps } = linux();
    const start = autostart({ ...deps, env: { XDG_CONFIG_DIRS: deps.env.XDG_CONFIG_DIRS } });
    await start.setEnabled(true);
    assert.ok(existsSync(join(deps.home, '.config', 'autostart', 'nom.desktop')));
  });

  it('a path with spaces, quotes, a dollar and a percent is quoted as the Desktop Entry Specification says', () => {
    assert.equal(keys(desktopEntry(['/home/ann/My Apps/nom "beta" $1 100%/nom'])).Exec, String.raw`"/home/ann/My Apps/nom \\"beta\\" \\$1 100%%/nom" --hidden`);
    assert.equal(keys(desktopEntry([String.raw`C:\odd`])).Exec, String.raw`"C:\\\\odd" --hidden`);
    assert.equal(keys(desktopEntry(['/usr/lib/electron/electron', '/opt/nom/app'])).Exec, '/usr/lib/electron/electron /opt/nom/app --hidden');
  });

  it('a path holding a line break is refused in words, and nothing is written', async () => {
    const { root, start, deps } = linux();
    const before = treeDigest(root);
    const broken = autostart({ ...deps, command: ['/opt/nom\nExec=rm -rf ~'] });
    await assert.rejects(broken.setEnabled(true), /holds a line break, which a desktop file cannot start/);
    assert.equal(treeDigest(root), before);
    assert.equal(start.isEnabled(), false);
  });

  it('turned off in the desktop’s own startup settings counts as off, and turning on again clears it', async () => {
    const { file, start } = linux();
    await start.setEnabled(true);
    writeFileSync(file, readFileSync(file, 'utf8').replace('X-GNOME-Autostart-enabled=true', 'X-GNOME-Autostart-enabled=false'));
    assert.equal(start.isEnabled(), false);
    await start.setEnabled(true);
    assert.equal(start.isEnabled(), true);
  });

  it('where the package installed an entry, off writes one that hides it, and on shows it again', async () => {
    const { system, file, start } = linux();
    mkdirSync(join(system, 'autostart'), { recursive: true });
    writeFileSync(join(system, 'autostart', 'nom.desktop'), desktopEntry(['/usr/bin/nom']));
    assert.equal(start.isEnabled(), true, 'on by the package');
    await start.setEnabled(false);
    assert.equal(start.isEnabled(), false);
    assert.equal(keys(readFileSync(file, 'utf8')).Hidden, 'true');
    await start.setEnabled(true);
    assert.equal(start.isEnabled(), true);
    assert.equal(keys(readFileSync(file, 'utf8')).Hidden, undefined);
  });

  it('a configuration folder that is not a folder is one error naming it, and nothing changes', async () => {
    const { root, config, file, start } = linux();
    writeFileSync(config, 'a file where the configuration folder should be');
    const before = treeDigest(root);
    await assert.rejects(start.setEnabled(true), (err: Error) => err.message === `${file}: not a folder`);
    assert.equal(treeDigest(root), before);
    assert.equal(start.isEnabled(), false);
  });
});

describe('start at login on macOS and Windows: the login item', () => {
  for (const platform of ['darwin', 'win32'] as const) {
    it(`${platform}: set and read with the --hidden argument`, async () => {
      const app = new FakeApp();
      const start = autostart({ platform, env: {}, home: '/nonexistent', command: [EXE], app });
      assert.equal(start.isEnabled(), false);
      await start.setEnabled(true);
      assert.deepEqual(app.loginItem, { openAtLogin: true, args: ['--hidden'] });
      assert.equal(start.isEnabled(), true);
      await start.setEnabled(false);
      assert.equal(start.isEnabled(), false);
    });
  }
});
