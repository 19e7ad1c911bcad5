import { Option, type Command } from 'commander';
import { writeCsvReport } from '../../core/report/csv.js';
import { writeJsonReport } from '../../core/report/json.js';
import { writeMarkdownReport } from '../../core/report/markdown.js';
import { makeReportDocument } from '../../core/report/make-document.js';
import type { ReportDocument } from '../../core/report/document/report-document.js';
import { buildReport, type Report } from '../../core/report/report-model.js';
import { writeSeedReport } from '../../core/report/seed.js';
import type { TextSink } from '../../core/report/text-sink.js';
import { UserError } from '../../core/errors.js';
import { defaultDataDir } from '../../core/paths.js';
import { findTargets, selectTarget } from '../../core/store/data-dir.js';
import { loadTarget } from '../../core/store/target-data.js';
import { localZone, namedZone } from '../../core/time/zone.js';
import { positiveNumber } from '../numbers.js';
import { slaTerms, type SlaFlags } from '../sla-options.js';
import { withOutput } from '../output.js';
import { parseTimeOption } from '../time-options.js';

const FORMATS = ['md', 'html', 'pdf', 'csv', 'json', 'seed'] as const;
type Format = (typeof FORMATS)[number];

interface ReportOptions extends SlaFlags {
  data: string;
  target?: string;
  from?: string;
  to?: string;
  tz?: string;
  format: Format;
  out?: string;
}

export function registerReport(program: Command): void {
  program
    .command('report')
    .description('report uptime, downtime, availability and every outage for a time range')
    .option('--data <dir>', 'data folder: one folder per target, or one target folder itself', defaultDataDir())
    .option('--target <name>', 'report only this target (a folder name under --data)')
    .option('--from <time>', 'start of the range, inclusive (default: the first record); e.g. 2025-10, 2025-10-01, 2025-10-01T14:00, @UNIXSECONDS')
    .option('--to <time>', 'end of the range, exclusive; a bare date or month means through its end (default: the last record)')
    .option('--tz <zone>', 'time zone for times and bare dates, an IANA name such as Europe/Oslo (default: local)')
    .addOption(new Option('--format <format>', 'output format: md, html and pdf are the evidence report; seed is network-outage-monitor\'s log').choices(FORMATS).default('md'))
    .option('--out <file>', 'write the report to this file (whole or not at all) instead of stdout')
    .option('--sla <percent>', 'check availability against this contracted figure, e.g. 99.5', positiveNumber(0, 100))
    .option('--sla-hours <hours>', 'hours the contract counts: all, business (Mon-Fri 09:00-17:00), or e.g. "Mon-Sat 08:00-20:00"', 'all')
    .option('--sla-min-outage <s>', 'outages shorter than this many seconds do not count against the contract', positiveNumber(0, 86_400), 0)
    .action((opts: ReportOptions) => runReport(opts));
}

async function runReport(opts: ReportOptions): Promise<void> {
  const zone = opts.tz === undefined ? localZone() : namedZone(opts.tz);
  const requested = {
    from: opts.from === undefined ? undefined : parseTimeOption('--from', opts.from, zone),
    to: opts.to === undefined ? undefined : parseTimeOption('--to', opts.to, zone),
  };
  const sla = slaTerms(opts);
  // Refused before any work: a PDF on a terminal is a screenful of binary.
  if (opts.format === 'pdf' && opts.out === undefined && process.stdout.isTTY) {
    throw new UserError('--format pdf writes binary: give --out FILE, or redirect stdout to a file');
  }
  if (opts.format === 'csv' || opts.format === 'seed') {
    let targets = findTargets(opts.data);
    if (opts.target !== undefined) targets = [selectTarget(targets, opts.target)];
    const report = buildReport(targets.map((t) => loadTarget(t.dir, t.name)), requested);
    await withOutput(opts.out, (sink) => (opts.format === 'csv' ? writeCsvReport(report, zone, sink) : writeSeedSections(report, sink)));
    return;
  }
  const now = Math.floor(Date.now() / 1000);
  const { report, document } = await makeReportDocument({ dataDir: opts.data, target: opts.target, range: requested, zone, sla: sla ?? undefined, now });
  const format = opts.format;
  if (format === 'json') {
    await withOutput(opts.out, (sink) => writeJsonReport(report, document, sink));
    return;
  }
  await withOutput(opts.out, (sink) => writeDocument(format, document, sink));
}

/**
 * The HTML and PDF renderers (vega, pdfkit and their fonts) load only when asked for: every
 * `nom` command loads this module, and the daemon would otherwise carry them for nothing.
 */
async function writeDocument(format: 'md' | 'html' | 'pdf', document: ReportDocument, sink: TextSink): Promise<void> {
  if (format === 'md') return writeMarkdownReport(document, sink);
  if (format === 'html') return (await import('../../core/report/html/render-html.js')).writeHtmlReport(document, sink);
  await sink(await (await import('../../core/report/pdf/render-pdf.js')).renderPdf(document));
}

/** One seed section per target; with several targets, each under a `# name` line. */
async function writeSeedSections(report: Report, sink: TextSink): Promise<void> {
  for (const [i, target] of report.targets.entries()) {
    if (report.targets.length > 1) await sink(`${i > 0 ? '\n' : ''}# ${target.name}\n\n`);
    await writeSeedReport(target.series, target.totals, report.range, sink);
  }
}
