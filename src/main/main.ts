import { existsSync } from 'node:fs';
import { sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, dialog, Menu } from 'electron';
import ElectronStore from 'electron-store';
import { systemClock } from '../core/clock.js';
import { createLogger } from '../core/log.js';
import { defaultDataDir } from '../core/paths.js';
import { ReportQueue } from '../core/report/job/report-queue.js';
import { runReportJob } from '../core/report/job/run-report-job.js';
import { composeRuntime } from '../core/runtime/compose.js';
import { localZone } from '../core/time/zone.js';
import { startApp, type RunningApp } from './app.js';
import { autostart } from './autostart.js';
import { electronPorts } from './electron-ports.js';
import { helperLaunch } from './helper-launch.js';
import { nodeNotifierToasts } from './node-notifier-toasts.js';
import { settingsStoreOptions } from './settings-store.js';

/**
 * The desktop app's main process: only the real Electron objects and this machine's paths,
 * handed to startApp (app.ts), which is the app and is tested under Node.
 */
const APP_ID = 'org.nom.monitor';
const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const log = createLogger('app');

/** A second launch while the first is still starting opens the dashboard once it has started. */
let started: RunningApp | null = null;
let openWhenStarted = false;

async function start(): Promise<void> {
  const ports = electronPorts();
  // The default menu's accelerators would reload the page and open DevTools in the app's window.
  Menu.setApplicationMenu(null);
  const zone = localZone();
  const dataDir = defaultDataDir();
  // Windows shows a toast as the installed app's only when the process says it is that app.
  if (process.platform === 'win32') app.setAppUserModelId(APP_ID);
  const probeOrder = helperLaunch({
    platform: process.platform,
    packaged: app.isPackaged,
    executable: app.getPath('exe'),
    resourcesDir: process.resourcesPath,
    devHelperMain: here('../helper/main.js'),
    exists: existsSync,
  });
  started = await startApp({
    electron: ports,
    settings: () => new ElectronStore({ name: 'settings', ...settingsStoreOptions() }),
    preferences: () => new ElectronStore({ name: 'preferences' }),
    runtime: (config) => composeRuntime(config, { dataDir, log, zone, probeOrder, whenProbingFails: 'report' }),
    // notify-send and its kin read the icon themselves, so it must be a real file: the unpacked copy.
    toasts: nodeNotifierToasts({ icon: here('../../assets/tray-icon.png').replace(`${sep}app.asar${sep}`, `${sep}app.asar.unpacked${sep}`), log: log.child('toast') }),
    reports: new ReportQueue(runReportJob),
    autostart: autostart({
      platform: process.platform,
      env: process.env,
      home: app.getPath('home'),
      command: app.isPackaged ? [app.getPath('exe')] : [process.execPath, app.getAppPath()],
      app,
    }),
    argv: process.argv,
    env: process.env,
    dataDir,
    clock: systemClock,
    zone,
    log,
    paths: { page: here('../renderer/index.html'), preload: here('../preload/preload.cjs'), icons: here('../../assets/tray/') },
  });
  if (openWhenStarted) started.windows.openDashboard();
}

// One app per desktop: a second launch only opens the first one's window (app.ts).
if (!app.requestSingleInstanceLock()) app.quit();
else {
  app.on('second-instance', () => {
    if (started === null) openWhenStarted = true;
  });
  void app
    .whenReady()
    .then(start)
    .catch((err: unknown) => {
      dialog.showErrorBox('nom could not start', err instanceof Error ? err.message : String(err));
      app.exit(1);
    });
}
