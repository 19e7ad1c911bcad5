import { extname, join } from 'node:path';
import { REPORT_EXTENSIONS, type ReportFormat, type ReportJob } from '../shared/report-job.js';
import { writeWhole } from '../core/fs/write-whole.js';
import { reportFileName } from '../core/report/job/report-file-name.js';
import type { ReportPeriod } from '../core/report/job/report-periods.js';
import type { ReportQueue } from '../core/report/job/report-queue.js';
import type { DialogPort, NotifyPort, ShellPort } from './ports.js';

export interface ExportDeps {
  dialog: DialogPort;
  shell: ShellPort;
  notify: NotifyPort;
  reports: Pick<ReportQueue, 'run'>;
  dataDir: string;
  /** Where the save dialog starts: the user's documents folder. */
  documentsDir: string;
  /** Unix seconds. */
  now: () => number;
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
 * The tray's "Export ISP report": asks where to save, makes the report for the period with
 * the one report engine (in its worker thread, so the tray stays responsive), writes it whole
 * and shows it in its folder. The file name says the format; a name without a known extension
 * gets `.pdf`.
 */
export async function exportIspReport(deps: ExportDeps, period: ReportPeriod): Promise<ExportOutcome> {
  const draft: ReportJob = {
    dataDir: deps.dataDir,
    ...(period.from === undefined ? {} : { from: period.from }),
    ...(period.to === undefined ? {} : { to: period.to }),
    zone: null,
    format: 'pdf',
    now: deps.now(),
  };
  const choice = await deps.dialog.showSaveDialog({
    title: `Export ISP report: ${period.label}`,
    defaultPath: join(deps.documentsDir, reportFileName(draft)),
    buttonLabel: 'Export',
    filters: FILTERS,
    properties: ['showOverwriteConfirmation', 'createDirectory'],
  });
  if (choice.canceled || choice.filePath === undefined || choice.filePath === '') return { canceled: true };

  const format = FORMAT_OF_EXTENSION[extname(choice.filePath).toLowerCase()];
  const path = format === undefined ? `${choice.filePath}.${REPORT_EXTENSIONS.pdf}` : choice.filePath;
  try {
    const bytes = await deps.reports.run({ ...draft, format: format ?? 'pdf' });
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
