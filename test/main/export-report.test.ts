import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import type { SaveDialogOptions, SaveDialogReturnValue } from 'electron';
import type * as ReportQueueModule from '../../src/core/report/job/report-queue.js';
import type * as RunReportJob from '../../src/core/report/job/run-report-job.js';
import { reportQueryJob } from '../../src/core/report/job/report-query-job.js';
import { namedZone } from '../../src/core/time/zone.js';
import { exportIspReport, type ExportDeps } from '../../src/main/export-report.js';
import { built } from '../support/built.js';
import { SEED_LOGS } from '../support/fixtures.js';
import { tempDir, treeDigest } from '../support/tmp.js';

/**
 * The tray's "Export ISP report" under Node, with Electron's dialog, shell and notifications
 * played by recorders, and reports made by the real engine in its worker thread (built: Node 20
 * cannot start a worker from TypeScript source).
 */
const NOW = Date.UTC(2025, 10, 15, 12) / 1000;

interface Recorded {
  dialogs: SaveDialogOptions[];
  errors: string[];
  shown: string[];
  notices: string[];
}

let reports: Pick<ReportQueueModule.ReportQueue, 'run'>;

/** The app with its dialog answering in turn: a path, or null for Cancel. */
function app(answers: Array<string | null>, dataDir = SEED_LOGS): { deps: ExportDeps; seen: Recorded } {
  const seen: Recorded = { dialogs: [], errors: [], shown: [], notices: [] };
  const deps: ExportDeps = {
    dialog: {
      showSaveDialog: (options) => {
        seen.dialogs.push(options);
        const answer = answers.shift() ?? null;
        return Promise.resolve<SaveDialogReturnValue>(answer === null ? { canceled: true, filePath: '' } : { canceled: false, filePath: answer });
      },
      showErrorBox: (title, content) => seen.errors.push(`${title}: ${content}`),
    },
    shell: { showItemInFolder: (path) => seen.shown.push(path) },
    notify: (title, body) => seen.notices.push(`${title}: ${body}`),
    report: (query) => reports.run(reportQueryJob(query, dataDir, NOW, [])),
    documentsDir: '/home/user/Documents',
    now: () => NOW,
    zone: namedZone('UTC'),
  };
  return { deps, seen };
}

describe('Export ISP report (the tray action)', () => {
  before(async () => {
    const { ReportQueue } = await built<typeof ReportQueueModule>('core/report/job/report-queue.js');
    const { runReportJob } = await built<typeof RunReportJob>('core/report/job/run-report-job.js');
    reports = new ReportQueue(runReportJob);
  });

  it('asks where to save, offering PDF first and a name that says the period', async () => {
    const { deps, seen } = app([null]);
    assert.deepEqual(await exportIspReport(deps, 'last-month'), { canceled: true });
    const [options] = seen.dialogs;
    assert.equal(options?.title, 'Export ISP report: Last month (October 2025)');
    assert.equal(options.defaultPath, '/home/user/Documents/nom-report-2025-10-01-to-2025-10-31.pdf');
    assert.deepEqual(options.filters?.map((f) => f.extensions[0]), ['pdf', 'html', 'md', 'csv', 'json']);
    assert.deepEqual([seen.errors, seen.shown, seen.notices], [[], [], []], 'a cancel does nothing more');
  });

  it('saves the PDF of the period, shows it in its folder and says so', async () => {
    const out = join(tempDir(), 'october.pdf');
    const { deps, seen } = app([out]);
    assert.deepEqual(await exportIspReport(deps, 'last-month'), { saved: out });
    const pdf = readFileSync(out);
    assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
    assert.deepEqual(seen.shown, [out]);
    assert.deepEqual(seen.notices, [`ISP report saved: ${out}`]);
    assert.deepEqual(seen.errors, []);
  });

  it('makes the format the file name asks for, and a PDF when the name has no known extension', async () => {
    const dir = tempDir();
    const { deps } = app([join(dir, 'all.HTML')]);
    await exportIspReport(deps, 'everything');
    assert.match(readFileSync(join(dir, 'all.HTML'), 'utf8'), /^<!doctype html>/i);
    const csv = app([join(dir, 'outages.csv')]);
    await exportIspReport(csv.deps, 'everything');
    assert.match(readFileSync(join(dir, 'outages.csv'), 'utf8'), /^target,/);
    // A bare name is offered again as NAME.pdf, so the dialog can ask before replacing one that exists.
    const bare = app([join(dir, 'for-my-isp'), join(dir, 'for-my-isp.pdf')]);
    assert.deepEqual(await exportIspReport(bare.deps, 'everything'), { saved: join(dir, 'for-my-isp.pdf') });
    assert.equal(bare.seen.dialogs[1]?.defaultPath, join(dir, 'for-my-isp.pdf'));
    assert.deepEqual(readdirSync(dir).sort(), ['all.HTML', 'for-my-isp.pdf', 'outages.csv']);
    const canceled = app([join(dir, 'again'), null]);
    assert.deepEqual(await exportIspReport(canceled.deps, 'everything'), { canceled: true });
    assert.deepEqual(readdirSync(dir).sort(), ['all.HTML', 'for-my-isp.pdf', 'outages.csv']);
  });

  it('says in one line why there is no report, and leaves no file and the data untouched', async () => {
    const root = tempDir();
    const empty = join(root, 'data');
    mkdirSync(empty);
    writeFileSync(join(root, 'kept.pdf'), 'the earlier report');
    const before = treeDigest(root);
    const { deps, seen } = app([join(root, 'kept.pdf')], empty);
    const outcome = await exportIspReport(deps, 'everything');
    assert.ok('failed' in outcome);
    assert.equal(seen.errors.length, 1);
    assert.match(seen.errors[0] ?? '', /^The ISP report could not be made: .*no transition logs here/);
    assert.doesNotMatch(seen.errors[0] ?? '', /\n/);
    assert.deepEqual([seen.shown, seen.notices], [[], []]);
    assert.equal(treeDigest(root), before, 'the file it would have replaced is as it was');
  });
});
