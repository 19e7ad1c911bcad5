import type { ReportJob } from '../../../shared/report-job.js';
import { findTargets, selectTarget } from '../../store/data-dir.js';
import { localZone, namedZone } from '../../time/zone.js';
import { writeCsvReport } from '../csv.js';
import type { ReportDocument } from '../document/report-document.js';
import { writeJsonReport } from '../json.js';
import { loadLiveTarget, makeReportDocument } from '../make-document.js';
import { writeMarkdownReport } from '../markdown.js';
import { buildReport, type Report } from '../report-model.js';
import { writeSeedReport } from '../seed.js';
import type { TextSink } from '../text-sink.js';

/**
 * Makes the report a job asks for, in its format, into `sink`: the one path from the data
 * folder to a report, whether `nom report`, the daemon's HTTP API or the app's "Export ISP
 * report" asked for it.
 */
export async function writeReport(job: ReportJob, sink: TextSink): Promise<void> {
  const zone = job.zone === null ? localZone() : namedZone(job.zone);
  const range = { from: job.from, to: job.to };
  if (job.format === 'csv' || job.format === 'seed') {
    let targets = findTargets(job.dataDir);
    if (job.target !== undefined) targets = [selectTarget(targets, job.target)];
    // seed is network-outage-monitor's `log` of the files as they are, so it takes no live session.
    const live = { names: new Set(job.format === 'csv' ? job.live : []), until: job.now };
    const report = buildReport(targets.map((t) => loadLiveTarget(t, live)), range);
    if (job.format === 'csv') await writeCsvReport(report, zone, sink);
    else await writeSeedSections(report, sink);
    return;
  }
  const { report, document } = await makeReportDocument({ dataDir: job.dataDir, target: job.target, range, zone, sla: job.sla, now: job.now, live: job.live });
  if (job.format === 'json') await writeJsonReport(report, document, sink);
  else await writeDocument(job.format, document, sink);
}

/**
 * The HTML and PDF renderers (vega, pdfkit and their fonts) load only when asked for: every
 * `nom` command loads this module, and the daemon would otherwise carry them for nothing.
 */
async function writeDocument(format: 'md' | 'html' | 'pdf', document: ReportDocument, sink: TextSink): Promise<void> {
  if (format === 'md') return writeMarkdownReport(document, sink);
  if (format === 'html') return (await import('../html/render-html.js')).writeHtmlReport(document, sink);
  await sink(await (await import('../pdf/render-pdf.js')).renderPdf(document));
}

/** One seed section per target; with several targets, each under a `# name` line. */
async function writeSeedSections(report: Report, sink: TextSink): Promise<void> {
  for (const [i, target] of report.targets.entries()) {
    if (report.targets.length > 1) await sink(`${i > 0 ? '\n' : ''}# ${target.name}\n\n`);
    await writeSeedReport(target.series, target.totals, report.range, sink);
  }
}
