import { Option, type Command } from 'commander';
import { writeCsvReport } from '../../core/report/csv.js';
import { writeJsonReport } from '../../core/report/json.js';
import { writeMarkdownReport } from '../../core/report/markdown.js';
import { buildReport, type Report } from '../../core/report/report-model.js';
import { writeSeedReport } from '../../core/report/seed.js';
import type { TextSink } from '../../core/report/text-sink.js';
import { defaultDataDir } from '../../core/paths.js';
import { findTargets, selectTarget } from '../../core/store/data-dir.js';
import { loadTarget } from '../../core/store/target-data.js';
import { localZone, namedZone, type Zone } from '../../core/time/zone.js';
import { withOutput } from '../output.js';
import { parseTimeOption } from '../time-options.js';

const FORMATS = ['md', 'csv', 'json', 'seed'] as const;
type Format = (typeof FORMATS)[number];

interface ReportOptions {
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
    .addOption(new Option('--format <format>', 'output format').choices(FORMATS).default('md'))
    .option('--out <file>', 'write the report to this file (whole or not at all) instead of stdout')
    .action((opts: ReportOptions) => runReport(opts));
}

async function runReport(opts: ReportOptions): Promise<void> {
  const zone = opts.tz === undefined ? localZone() : namedZone(opts.tz);
  const requested = {
    from: opts.from === undefined ? undefined : parseTimeOption('--from', opts.from, zone),
    to: opts.to === undefined ? undefined : parseTimeOption('--to', opts.to, zone),
  };
  let targets = findTargets(opts.data);
  if (opts.target !== undefined) targets = [selectTarget(targets, opts.target)];
  const data = targets.map((t) => loadTarget(t.dir, t.name));
  const report = buildReport(data, requested);
  await withOutput(opts.out, (sink) => writeReport(report, opts.format, zone, sink));
}

function writeReport(report: Report, format: Format, zone: Zone, sink: TextSink): Promise<void> {
  switch (format) {
    case 'md':
      return writeMarkdownReport(report, zone, sink);
    case 'csv':
      return writeCsvReport(report, zone, sink);
    case 'json':
      return writeJsonReport(report, sink);
    case 'seed':
      return writeSeedSections(report, sink);
  }
}

/** One seed section per target; with several targets, each under a `# name` line. */
async function writeSeedSections(report: Report, sink: TextSink): Promise<void> {
  for (const [i, target] of report.targets.entries()) {
    if (report.targets.length > 1) await sink(`${i > 0 ? '\n' : ''}# ${target.name}\n\n`);
    await writeSeedReport(target.series, target.totals, report.range, sink);
  }
}
