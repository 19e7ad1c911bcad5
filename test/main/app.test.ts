import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import Conf from 'conf';
import { createLogger } from '../../src/core/log.js';
import { ReportQueue } from '../../src/core/report/job/report-queue.js';
import { runReportJob } from '../../src/core/report/job/run-report-job.js';
import { readTransitionDir } from '../../src/core/store/transition-log.js';
import { STATUS_NAMES } from '../../src/core/store/transition-record.js';
import { namedZone } from '../../src/core/time/zone.js';
import { startApp, type AppDeps } from '../../src/main/app.js';
import type { Autostart } from '../../src/main/autostart.js';
import { settingsStoreOptions } from '../../src/main/settings-store.js';
import type { NomConfig } from '../../src/shared/config-schema.js';
import { appChannel, callChannel } from '../../src/shared/ipc-contract.js';
import { FakeElectron } from '../support/electron-fake.js';
import { tempDir } from '../support/tmp.js';
import { outage, runtimeRig, TARGET, updownConfig } from '../core/runtime/runtime-rig.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PAGE = join(ROOT, 'dist/renderer/index.html');

/**
 * The whole desktop app as main.ts starts it — settings in a real store file, the runtime on a
 * scripted network and fake clock, the window, IPC, notifications and tray on the shared
 * Electron fake — and what a user does with it: close the window, launch it again, quit.
 */
async function launch(options: { argv?: string[]; config?: NomConfig; network?: Parameters<typeof runtimeRig>[1] } = {}) {
  const data = tempDir();
  const config = options.config ?? updownConfig();
  const rig = runtimeRig(data, options.network ?? outage(30, 40), config);
  const settingsDir = tempDir();
  const settings = new Conf<Record<string, unknown>>({ ...settingsStoreOptions(), cwd: settingsDir, configName: 'settings' });
  settings.store = config;
  const electron = new FakeElectron({ documents: tempDir() });
  const toasts: string[] = [];
  let loginItem = false;
  const login: Autostart = { isEnabled: () => loginItem, setEnabled: (on) => {
      loginItem = on;
      return Promise.resolve();
    },
  };
  const started: NomConfig[] = [];
  const deps: AppDeps = {
    electron,
    settings: () => settings,
    preferences: () => new Conf<Record<string, unknown>>({ cwd: settingsDir, configName: 'preferences' }),
    runtime: (asked) => {
      started.push(asked);
      return rig.runtime;
    },
    toasts: { show: (toast) => toasts.push(`${toast.title}: ${toast.body}`) },
    reports: new ReportQueue(runReportJob),
    autostart: login,
    argv: options.argv ?? ['/opt/nom/nom'],
    env: {},
    dataDir: data,
    clock: rig.clock,
    zone: namedZone('UTC'),
    log: createLogger('test', { write: () => undefined }),
    paths: { page: PAGE, preload: join(ROOT, 'dist/preload/preload.cjs'), icons: join(ROOT, 'assets/tray/') },
    daemonStatus: () => Promise.reject(new Error('no daemon here')),
  };
  const app = await startApp(deps);
  return { app, rig, electron, data, toasts, started, settings, settingsDir };
}

function statuses(data: string): string[] {
  return [...readTransitionDir(join(data, TARGET.name)).statuses].map((status) => STATUS_NAMES[status] ?? String(status));
}

describe('the desktop app (startApp on the Electron fake)', () => {
  it('monitors with its settings, opens the dashboard, and stays in the tray when the window closes', async () => {
    const { app, rig, electron, started, data } = await launch();
    assert.deepEqual(started, [updownConfig()], 'the runtime runs the settings file');
    await rig.clock.advance(5_000);
    assert.deepEqual(statuses(data), ['STARTED', 'UP']);
    assert.equal(electron.openWindows().length, 1, 'a launch by hand opens the dashboard');
    assert.equal(electron.openWindows()[0]?.loaded?.path, PAGE);
    assert.ok(electron.ipcMain.handlers.has(callChannel('status')), 'the window can call the API');
    assert.match(electron.tray.tooltip, /^Up /);

    electron.openWindows()[0]?.close();
    electron.app.emit('window-all-closed');
    assert.equal(electron.app.quits, 0, 'closing the window does not quit');
    assert.equal(electron.trays[0]?.destroyed, false);
    electron.app.emit('second-instance');
    assert.equal(electron.openWindows().length, 1, 'a second launch opens the dashboard again');
    assert.equal(electron.windows.length, 2, 'in a new window: the closed one was destroyed with its renderer');
    await rig.settle(app.shutdown());
  });

  it('starts hidden from login, with the tray only', async () => {
    const { app, rig, electron } = await launch({ argv: ['/opt/nom/nom', '--hidden'] });
    assert.equal(electron.windows.length, 0);
    assert.equal(electron.trays.length, 1);
    await rig.settle(app.shutdown());
  });

  it('writes STOPPED when the user quits, and only then lets the app end', async () => {
    const { rig, electron, data } = await launch();
    await rig.clock.advance(45_000);
    assert.deepEqual(statuses(data), ['STARTED', 'UP', 'DOWN', 'UP']);
    electron.app.quit();
    assert.equal(electron.app.quits, 0, 'the first quit waits for the monitors');
    while (electron.app.quits === 0) await rig.clock.advance(10);
    assert.deepEqual(statuses(data), ['STARTED', 'UP', 'DOWN', 'UP', 'STOPPED']);
    assert.equal(electron.trays[0]?.destroyed, true);
    assert.equal(electron.openWindows().length, 0);
  });

  it('writes STOPPED when the system shuts down, holding the shutdown off until then', async () => {
    const { rig, electron, data } = await launch();
    await rig.clock.advance(45_000);
    assert.equal(electron.power.shutDown(), true, 'the system is asked to wait');
    while (electron.app.quits === 0) await rig.clock.advance(10);
    assert.deepEqual(statuses(data), ['STARTED', 'UP', 'DOWN', 'UP', 'STOPPED']);
  });

  it('tells a confirmed outage and its end on the desktop', async () => {
    const { app, rig, toasts } = await launch({ argv: ['/opt/nom/nom', '--hidden'] });
    await rig.clock.advance(45_000);
    assert.ok(toasts.some((t) => /^Internet down/.test(t)), toasts.join('\n'));
    assert.ok(toasts.some((t) => /^Connection restored/.test(t)), toasts.join('\n'));
    await rig.settle(app.shutdown());
  });

  it('saves settings from the window into its store, which the daemon can read, and applies them at once', async () => {
    const { app, rig, electron, settings } = await launch();
    const window = electron.openWindows()[0];
    assert.ok(window);
    const from = { sender: { id: window.webContents.id }, frameUrl: `file://${PAGE}#/settings` };
    const next = { ...updownConfig(), updown: { ...updownConfig().updown, interval: 2 } };
    const answer = await rig.settle(electron.ipcMain.invoke(callChannel('settings-save'), from, { config: next }));
    assert.deepEqual(answer, { ok: true, value: { issues: [], restarted: ['updown'], saved: true } });
    assert.equal(rig.runtime.currentConfig.updown.interval, 2);
    assert.equal((JSON.parse(readFileSync(settings.path, 'utf8')) as NomConfig).updown.interval, 2);
    await rig.settle(app.shutdown());
  });

  it('watches the daemon it is told to instead of starting monitors of its own', async () => {
    const { app, started, data, electron } = await launch({ argv: ['/opt/nom/nom', '--hidden', '--watch', 'http://127.0.0.1:9/'] });
    assert.deepEqual(started, [], 'no runtime of its own');
    assert.match(app.source.description, /127\.0\.0\.1:9/);
    assert.equal(existsSync(join(data, TARGET.name)), false, 'nothing recorded here');
    assert.equal(electron.trays.length, 1);
    await app.shutdown();
  });

  it('switches from its own monitors to a daemon named in Settings at once, its monitors stopped with STOPPED', async () => {
    const { app, rig, electron, data } = await launch();
    await rig.clock.advance(5_000);
    const window = electron.openWindows()[0];
    assert.ok(window);
    const from = { sender: { id: window.webContents.id }, frameUrl: `file://${PAGE}#/settings` };
    const named = { watch: { url: 'http://127.0.0.1:9', token: null } };
    const answer = (await rig.settle(electron.ipcMain.invoke(appChannel('preferences-save'), from, named))) as { ok: boolean; value: { watching: string | null } };
    assert.equal(answer.ok, true);
    assert.equal(answer.value.watching, 'http://127.0.0.1:9');
    assert.match(app.source.description, /127\.0\.0\.1:9/);
    assert.deepEqual(statuses(data), ['STARTED', 'UP', 'STOPPED'], "this computer's monitors stopped cleanly");
    const status = (await electron.ipcMain.invoke(callChannel('status'), from, {})) as { ok: boolean; error?: { code: string } };
    assert.deepEqual([status.ok, status.error?.code], [false, 'unavailable'], 'the window now asks the daemon, which is out of reach');
    for (let waited = 0; !/^Cannot reach/.test(electron.tray.tooltip) && waited < 5_000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
    assert.match(electron.tray.tooltip, /^Cannot reach the monitor: .*127\.0\.0\.1:9/, 'the tray says so at once');
    await app.shutdown();
  });

  it('ends anyway when stopping hangs, rather than live on with no tray and no window', async () => {
    const { rig, electron } = await launch({ argv: ['/opt/nom/nom', '--hidden'] });
    rig.runtime.stop = () => new Promise<void>(() => undefined);
    electron.app.quit();
    electron.app.quit();
    electron.app.emit('second-instance');
    assert.equal(electron.windows.length, 0, 'a launch while stopping opens nothing');
    await rig.clock.advance(14_000);
    assert.deepEqual(electron.app.exits, []);
    await rig.clock.advance(1_000);
    assert.deepEqual(electron.app.exits, [1], 'after 15 s the app ends, once');
  });
});
