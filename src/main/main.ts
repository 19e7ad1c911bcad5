import { fileURLToPath } from 'node:url';
import { app, dialog, Menu, nativeImage, Notification, shell, Tray } from 'electron';
import { defaultDataDir } from '../core/paths.js';
import { reportPeriods, type PeriodKind } from '../core/report/job/report-periods.js';
import { ReportQueue } from '../core/report/job/report-queue.js';
import { runReportJob } from '../core/report/job/run-report-job.js';
import { localZone } from '../core/time/zone.js';
import { exportIspReport, type ExportDeps } from './export-report.js';
import { trayMenu } from './tray-menu.js';

/**
 * The desktop app's main process: only wiring. What it does lives in modules that take the
 * Electron objects as ports (export-report, tray-menu) and are tested under Node.
 */
const ICON = fileURLToPath(new URL('../../assets/tray-icon.png', import.meta.url));

/** The menu names months ("Last month (October 2026)"); the export works its bounds out afresh, only the labels wait for this. */
const MENU_REFRESH_MS = 60_000;

function start(): void {
  const tray = new Tray(nativeImage.createFromPath(ICON));
  tray.setToolTip('nom: network outage monitor');
  const deps: ExportDeps = {
    dialog,
    shell,
    notify: (title, body) => new Notification({ title, body }).show(),
    reports: new ReportQueue(runReportJob),
    dataDir: defaultDataDir(),
    documentsDir: app.getPath('documents'),
    now: () => Math.floor(Date.now() / 1000),
    zone: localZone(),
  };
  const exportReport = (kind: PeriodKind) => {
    exportIspReport(deps, kind).catch((err: unknown) => dialog.showErrorBox('The ISP report could not be made', err instanceof Error ? err.message : String(err)));
  };
  const refresh = () => {
    tray.setContextMenu(Menu.buildFromTemplate(trayMenu(reportPeriods(deps.now(), deps.zone), { exportReport, quit: () => app.quit() })));
  };
  refresh();
  setInterval(refresh, MENU_REFRESH_MS);
}

// One tray icon per desktop: a second launch just ends.
if (app.requestSingleInstanceLock()) void app.whenReady().then(start);
else app.quit();
