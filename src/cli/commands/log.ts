import type { Command } from 'commander';
import { totalsOf, recordedRange } from '../../core/accounting/totals.js';
import { UserError } from '../../core/errors.js';
import { writeSeedReport } from '../../core/report/seed.js';
import { requireFolder } from '../../core/store/data-dir.js';
import { listLogFiles, readTransitionDir } from '../../core/store/transition-log.js';
import { withOutput } from '../output.js';

export function registerLog(program: Command): void {
  program
    .command('log')
    .description("print total uptime, downtime and every record of one folder, exactly as network-outage-monitor's log does")
    .requiredOption('--load <dir>', 'folder holding uptime_YYYY-MM.log files (a network-outage-monitor --save folder)')
    .action((opts: { load: string }) => runLog(opts.load));
}

async function runLog(dir: string): Promise<void> {
  requireFolder(dir);
  if (listLogFiles(dir).length === 0) throw new UserError(`${dir}: no log files found (uptime_*.log)`);
  const series = readTransitionDir(dir);
  const range = recordedRange(series);
  if (range === null) throw new UserError(`${dir}: the log files hold no records yet`);
  await withOutput(undefined, (sink) => writeSeedReport(series, totalsOf(series, range), range, sink));
}
