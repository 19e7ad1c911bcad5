import type { NomConfig } from '../shared/config-schema.js';
import { appPreferences, type AppPreferences } from '../shared/app-preferences.js';
import type { Clock } from '../core/clock.js';
import { defaultConfig } from '../core/config/defaults.js';
import type { Logger } from '../core/log.js';
import type { LinkNames } from '../core/notify/notice-of-event.js';
import type { ReportQueue } from '../core/report/job/report-queue.js';
import type { PeriodKind } from '../core/report/job/report-periods.js';
import type { Runtime } from '../core/runtime/runtime.js';
import type { Zone } from '../core/time/zone.js';
import type { Autostart } from './autostart.js';
import { HIDDEN_FLAG } from './autostart.js';
import { exportIspReport } from './export-report.js';
import { findDaemon, type FindDaemonDeps } from './find-daemon.js';
import { setupIpc } from './ipc.js';
import { localSource } from './local-source.js';
import type { MonitorSource } from './monitor-source.js';
import { setupNotifications, type ToastPort } from './notifications.js';
import type { ElectronPorts } from './ports.js';
import { remoteSource } from './remote-source.js';
import { reportSaver } from './save-report.js';
import { openSettings, type SettingsBackend } from './settings-store.js';
import { setupTray } from './tray.js';
import { switchableSource } from './switchable-source.js';
import { setupWindows, type AppWindows } from './windows.js';

export interface AppDeps {
  electron: ElectronPorts;
  /** The settings file (electron-store, named `settings`): the configuration `nom daemon --config` reads. */
  settings: () => SettingsBackend;
  /** The app's own preferences (electron-store, named `preferences`): which daemon to watch. */
  preferences: () => SettingsBackend;
  /** The runtime for a configuration, not started: composeRuntime with this machine's probes. */
  runtime: (config: NomConfig) => Runtime;
  toasts: ToastPort;
  reports: Pick<ReportQueue, 'run'>;
  autostart: Autostart;
  argv: readonly string[];
  env: NodeJS.ProcessEnv;
  dataDir: string;
  clock: Clock;
  zone: Zone;
  log: Logger;
  paths: { page: string; preload: string; icons: string };
  /** How a daemon's status is asked (findDaemon's default: over HTTP). */
  daemonStatus?: FindDaemonDeps['status'];
}

/** Long enough for every monitor to write STOPPED and the notices in flight to go. */
const STOP_LIMIT_MS = 15_000;

export interface RunningApp {
  readonly source: MonitorSource;
  readonly windows: AppWindows;
  /** What quitting does before the app ends: the tray and window go, the monitors stop (STOPPED written). */
  shutdown(): Promise<void>;
}

/**
 * The desktop app, put together: the monitors of this computer (or the daemon it watches), the
 * window and its IPC, the notifications and the tray, and what quitting does. Electron arrives
 * as ports, so the whole app runs under Node in the tests; main.ts only gives the real objects.
 * Closing the window leaves the app in the tray; a second launch opens the window.
 */
export async function startApp(deps: AppDeps): Promise<RunningApp> {
  const { electron, log } = deps;
  const { app, dialog } = electron;
  const settings = openSettings(deps.settings(), () => defaultConfig('desktop'));
  if (settings.problem !== null) dialog.showErrorBox('nom could not read its settings', settings.problem);
  let config = settings.config;

  let notifications: ReturnType<typeof setupNotifications> | null = null;
  let runtime: Runtime | null = null;
  const preferencesBackend = deps.preferences();
  let preferences = readPreferences(preferencesBackend, log);
  /** What the app shows for these preferences: the daemon found, else this computer's runtime, started. */
  const open = async (argv: readonly string[]): Promise<{ source: MonitorSource; watching: string | null; note: string | null }> => {
    let note: string | null = null;
    const found = await findDaemon({
      argv,
      env: deps.env,
      preferences,
      dataDir: deps.dataDir,
      note: (line) => {
        note = line;
        log.warn(line);
      },
      log,
      ...(deps.daemonStatus && { status: deps.daemonStatus }),
    });
    if (found) {
      runtime = null;
      log.info(`watching the daemon at ${found.url} (${found.why === 'named' ? 'as asked' : 'it runs on this computer'}) instead of monitoring here`);
      return { source: remoteSource({ url: found.url, token: found.token, log: log.child('remote') }), watching: found.url, note };
    }
    const started = deps.runtime(config);
    await started.start();
    runtime = started;
    const saver = {
      path: settings.path,
      save: (next: NomConfig) => {
        settings.save(next);
        config = next;
        notifications?.update(next.notify.desktop);
      },
    };
    return { source: localSource(started, { dataDir: deps.dataDir, settings: saver, zone: deps.zone, reports: deps.reports }), watching: null, note };
  };
  const opened = await open(deps.argv);
  let watching = opened.watching;
  const source = switchableSource(opened.source);

  const windows = setupWindows({ createWindow: (options) => electron.createWindow(options), session: electron.defaultSession(), pagePath: deps.paths.page, preloadPath: deps.paths.preload, log: log.child('window') });
  const now = () => Math.floor(deps.clock.now() / 1000);
  const documentsDir = app.getPath('documents');
  const ipc = setupIpc({
    ipcMain: electron.ipcMain,
    source,
    isOwnSender: windows.isOwnSender,
    windowOf: windows.windowOf,
    saveReport: reportSaver({ dialog, shell: electron.shell, source, documentsDir, now }),
    app: {
      preferences: () => Promise.resolve({ preferences, watching, note: null }),
      // Named or cleared in Settings: the app switches at once; the command line's --watch no longer counts.
      savePreferences: async (next) => {
        preferencesBackend.store = next;
        preferences = next;
        const reopened = await open([]);
        await source.switchTo(reopened.source);
        watching = reopened.watching;
        tray.redraw();
        return { preferences, watching, note: reopened.note };
      },
    },
    log: log.child('ipc'),
  });
  notifications = setupNotifications({
    source,
    toasts: deps.toasts,
    config: config.notify.desktop,
    // A watched daemon's links are its own; its failover notices still come, and they are told.
    links: () => (runtime === null ? undefined : linksOf(config)),
    clock: deps.clock,
    zone: deps.zone,
    isDashboardInFront: windows.isDashboardInFront,
    openDashboard: () => windows.openDashboard(),
    log: log.child('notify'),
  });
  const exportReport = (kind: PeriodKind) => {
    const notify = (title: string, body: string) => deps.toasts.show({ title, body }, () => undefined);
    const exportDeps = { dialog, shell: electron.shell, notify, report: (query: Parameters<MonitorSource['report']>[0]) => source.report(query), documentsDir, now, zone: deps.zone };
    exportIspReport(exportDeps, kind).catch((err: unknown) => dialog.showErrorBox('The ISP report could not be made', err instanceof Error ? err.message : String(err)));
  };
  const tray = setupTray({
    electron,
    source,
    actions: { openDashboard: () => windows.openDashboard(), openSettings: () => windows.openSettings(), exportReport, quit: () => app.quit() },
    autostart: deps.autostart,
    clock: deps.clock,
    zone: deps.zone,
    iconDir: deps.paths.icons,
  });

  let stopped: Promise<void> | null = null;
  const shutdown = (): Promise<void> =>
    (stopped ??= (async () => {
      tray.stop();
      notifications?.stop();
      ipc.stop();
      windows.close();
      await source.close();
      log.info('stopped');
    })());
  let ended = false;
  let ending = false;
  app.on('before-quit', (event) => {
    if (ended) return;
    // The monitors write STOPPED before the app ends: quitting waits for them, once.
    event.preventDefault();
    if (ending) return;
    ending = true;
    // A helper that never answers must not keep a process with no tray and no window alive.
    const giveUp = deps.clock.setTimeout(() => {
      log.error(`stopping took over ${STOP_LIMIT_MS / 1000} s: ending now`);
      app.exit(1);
    }, STOP_LIMIT_MS);
    shutdown()
      .catch((err: unknown) => log.error('stopping failed', { error: err instanceof Error ? err.message : String(err) }))
      .finally(() => {
        deps.clock.clearTimeout(giveUp);
        ended = true;
        app.quit();
      });
  });
  // The system going down: held off while the monitors write STOPPED, as on quitting.
  electron.power.on('shutdown', (event) => {
    event.preventDefault();
    app.quit();
  });
  // With no listener Electron quits when the last window closes; nom stays in the tray.
  app.on('window-all-closed', () => undefined);
  app.on('second-instance', () => {
    if (!ending) windows.openDashboard();
  });
  app.on('activate', () => windows.openDashboard());
  if (!deps.argv.includes(HIDDEN_FLAG)) windows.openDashboard();
  log.info(source.description);
  return { source, windows, shutdown };
}

/** The failover links' names, whose own transitions the failover notice tells. */
function linksOf(config: NomConfig | null): LinkNames | undefined {
  const failover = config?.failover;
  return failover ? { primary: failover.primary.name, standby: failover.standby.name } : undefined;
}

/** A preferences file that cannot be used is said in the log and left as it is: the app then monitors here. */
function readPreferences(backend: SettingsBackend, log: Logger): AppPreferences {
  const parsed = appPreferences.safeParse(backend.store);
  if (parsed.success) return parsed.data;
  log.warn(`${backend.path}: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'the file'}: ${i.message}`).join('; ')}; it is ignored`);
  return appPreferences.parse({});
}
