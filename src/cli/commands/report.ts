import { Option, type Command } from 'commander';
import { REPORT_FORMATS, type ReportFormat } from '../../shared/report-job.js';
import { UserError } from '../../core/errors.js';
import { defaultDataDir } from '../../core/paths.js';
import { CLI_LABELS, reportJobOf } from '../../core/report/job/report-input.js';
import { writeReport } from '../../core/report/job/write-report.js';
import { positiveNumber } from '../numbers.js';
import { withOutput } from '../output.js';

interface ReportOptions {
  data: string;
  target?: string;
  from?: string;
  to?: string;
  tz?: string;
  format: ReportFormat;
  out?: string;
  sla?: number;
  slaHours: string;
  slaMinOutage: number;
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
    .addOption(new Option('--format <format>', 'output format: md, html and pdf are the evidence report; seed is network-outage-monitor\'s log').choices(REPORT_FORMATS).default('md'))
    .option('--out <file>', 'write the report to this file (whole or not at all) instead of stdout')
    .option('--sla <percent>', 'check availability against this contracted figure, e.g. 99.5', positiveNumber(0, 100))
    .option('--sla-hours <hours>', 'hours the contract counts: all, business (Mon-Fri 09:00-17:00), or e.g. "Mon-Sat 08:00-20:00"', 'all')
    .option('--sla-min-outage <s>', 'outages shorter than this many seconds do not count against the contract', positiveNumber(0, 86_400), 0)
    .action((opts: ReportOptions) => runReport(opts));
}

async function runReport(opts: ReportOptions): Promise<void> {
  const job = reportJobOf({ ...opts, dataDir: opts.data }, CLI_LABELS, Math.floor(Date.now() / 1000));
  // Refused before any work: a PDF on a terminal is a screenful of binary.
  if (job.format === 'pdf' && opts.out === undefined && process.stdout.isTTY) {
    throw new UserError('--format pdf writes binary: give --out FILE, or redirect stdout to a file');
  }
  await withOutput(opts.out, (sink) => writeReport(job, sink));
}
