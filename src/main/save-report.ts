import { extname, join } from 'node:path';
import { ApiFailure, type ApiParsedRequest } from '../shared/api-contract.js';
import { REPORT_EXTENSIONS } from '../shared/report-job.js';
import { UserError } from '../core/errors.js';
import { writeWhole } from '../core/fs/write-whole.js';
import { reportFileName } from '../core/report/job/report-file-name.js';
import { reportQueryJob } from '../core/report/job/report-query-job.js';
import type { MonitorSource } from './monitor-source.js';
import type { DialogPort, ShellPort } from './ports.js';

export interface SaveReportDeps {
  dialog: DialogPort;
  shell: ShellPort;
  source: Pick<MonitorSource, 'report'>;
  /** Where the save dialog starts: the user's documents folder. */
  documentsDir: string;
  /** Unix seconds. */
  now: () => number;
}

const FORMAT_NAMES: Record<ApiParsedRequest<'report'>['format'], string> = {
  pdf: 'PDF document',
  html: 'Web page (HTML)',
  md: 'Markdown',
  csv: 'Spreadsheet (CSV, a row per outage)',
  json: 'JSON',
  seed: 'Text (network-outage-monitor log)',
};

/**
 * The window's "download" in the app: a request the report cannot be made of is refused before
 * the dialog opens; then main asks where to save, has the source make the report, writes it
 * whole and shows it in its folder. Canceling the dialog is no error. Refusals are ApiFailures,
 * in the words the HTTP API uses.
 */
export function reportSaver(deps: SaveReportDeps): (query: ApiParsedRequest<'report'>) => Promise<void> {
  return async (query) => {
    const extension = REPORT_EXTENSIONS[query.format];
    // Read only to name the file, so no data folder is involved: the source checks the records itself.
    const suggested = reportFileName(checked(() => reportQueryJob(query, deps.documentsDir, deps.now(), [])));
    const path = await choosePath(deps, join(deps.documentsDir, suggested), query.format, extension);
    if (path === null) return;
    const bytes = await deps.source.report(query);
    try {
      await writeWhole(path, async (sink) => {
        await sink(bytes);
      });
    } catch (err) {
      if (err instanceof UserError) throw new ApiFailure('unavailable', err.message);
      throw err;
    }
    deps.shell.showItemInFolder(path);
  };
}

function checked<T>(read: () => T): T {
  try {
    return read();
  } catch (err) {
    if (err instanceof UserError) throw new ApiFailure('bad-request', err.message);
    throw err;
  }
}

/** The save dialog, until it gives a name: a bare one gets the format's extension and is offered again, so that replacing a file is asked. */
async function choosePath(deps: SaveReportDeps, defaultPath: string, format: ApiParsedRequest<'report'>['format'], extension: string): Promise<string | null> {
  for (let offered = defaultPath; ; ) {
    const choice = await deps.dialog.showSaveDialog({
      title: 'Save the ISP report',
      defaultPath: offered,
      buttonLabel: 'Save',
      filters: [{ name: FORMAT_NAMES[format], extensions: [extension] }],
      properties: ['showOverwriteConfirmation', 'createDirectory'],
    });
    if (choice.canceled || choice.filePath === undefined || choice.filePath === '') return null;
    if (extname(choice.filePath) !== '') return choice.filePath;
    offered = `${choice.filePath}.${extension}`;
  }
}
