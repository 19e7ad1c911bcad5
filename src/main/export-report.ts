import { extname, join } from 'node:path';
import type { Zone } from 'luxon';
import type { ApiParsedRequest } from '../shared/api-contract.js';
import { REPORT_EXTENSIONS, type ReportFormat } from '../shared/report-job.js';
import { writeWhole } from '../core/fs/write-whole.js';
import { reportFileName } from '../core/report/job/report-file-name.js';
import { reportPeriod, type PeriodKind, type ReportPeriod } from '../core/report/job/report-periods.js';
import type { MonitorSource } from './monitor-source.js';
import type { DialogPort, NotifyPort, ShellPort } from './ports.js';

export interface ExportDeps {
  dialog: DialogPort;
  shell: ShellPort;
  notify: NotifyPort;
  /** Makes the report where the record is: this computer's runtime, or the daemon watched. */
  report: MonitorSource['report'];
  /** Where the save dialog starts: the user's documents folder. */
  documentsDir: string;
  /** Unix seconds. */
  now: () => number;
  /** The zone whose calendar months the periods follow, and the report's times are in. */
  zone: Zone;
}

export type ExportOutcome = { saved: string } | { canceled: true } | { failed: string };

/** The formats a person sends an ISP, PDF first: the save dialog offers them in this order. */
const FILTERS = [
  { name: 'PDF document', extensions: ['pdf'] },
  { name: 'Web page (HTML)', extensions: ['html', 'htm'] },
  { name: 'Markdown', extensions: ['md'] },
  { name: 'Spreadsheet (CSV, a row per outage)', extensions: ['csv'] },
  { name: 'JSON', extensions: ['json'] },
];

const FORMAT_OF_EXTENSION: Record<string, ReportFormat> = { '.pdf': 'pdf', '.html': 'html', '.htm': 'html', '.md': 'md', '.csv': 'csv', '.json': 'json' };

/**
 * The tray's "Export ISP report": asks where to save, has the report for the period made by
 * the one report engine (in its worker thread, so the tray stays responsive), writes it whole
 * and shows it in its folder. The file name says the format; a name without a known extension
 * gets `.pdf`. The period's bounds are worked out when the file is chosen, not when the menu
 * was drawn.
 */
export async function exportIspReport(deps: ExportDeps, kind: PeriodKind): Promise<ExportOutcome> {
  const shown = reportPeriod(kind, deps.now(), deps.zone);
  const path = await choosePath(deps, shown.label, join(deps.documentsDir, fileNameOf(deps, shown, 'pdf')));
  if (path === null) return { canceled: true };
  try {
    const bytes = await deps.report(queryOf(deps, reportPeriod(kind, deps.now(), deps.zone), FORMAT_OF_EXTENSION[extname(path).toLowerCase()] ?? 'pdf'));
    await writeWhole(path, async (sink) => {
      await sink(bytes);
    });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    deps.dialog.showErrorBox('The ISP report could not be made', message);
    return { failed: message };
  }
  deps.shell.showItemInFolder(path);
  deps.notify('ISP report saved', path);
  return { saved: path };
}

/**
 * The save dialog, until it gives a name whose extension names a format. A bare name becomes
 * NAME.pdf, offered in the dialog again, so that replacing a NAME.pdf that exists is asked.
 */
async function choosePath(deps: ExportDeps, label: string, defaultPath: string): Promise<string | null> {
  for (let suggested = defaultPath; ; ) {
    const choice = await deps.dialog.showSaveDialog({
      title: `Export ISP report: ${label}`,
      defaultPath: suggested,
      buttonLabel: 'Export',
      filters: FILTERS,
      properties: ['showOverwriteConfirmation', 'createDirectory'],
    });
    if (choice.canceled || choice.filePath === undefined || choice.filePath === '') return null;
    if (FORMAT_OF_EXTENSION[extname(choice.filePath).toLowerCase()] !== undefined) return choice.filePath;
    suggested = `${choice.filePath}.${REPORT_EXTENSIONS.pdf}`;
  }
}

function fileNameOf(deps: ExportDeps, period: ReportPeriod, format: ReportFormat): string {
  return reportFileName({ dataDir: '', from: period.from, to: period.to, zone: deps.zone.name, format, now: deps.now() });
}

/** The period as the `report` call asks for it: its bounds in unix seconds, in the app's zone. */
function queryOf(deps: ExportDeps, period: ReportPeriod, format: ReportFormat): ApiParsedRequest<'report'> {
  return {
    format,
    tz: deps.zone.name,
    ...(period.from === undefined ? {} : { from: `@${period.from}` }),
    ...(period.to === undefined ? {} : { to: `@${period.to}` }),
  };
}
