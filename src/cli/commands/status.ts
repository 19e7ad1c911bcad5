import type { Command } from 'commander';
import { defaultDataDir } from '../../core/paths.js';
import { statusLine, targetStatus } from '../../core/report/status.js';
import { findTargets } from '../../core/store/data-dir.js';
import { loadTarget } from '../../core/store/target-data.js';
import { ClockFormatter } from '../../core/time/clock-format.js';
import { localZone } from '../../core/time/zone.js';

export function registerStatus(program: Command): void {
  program
    .command('status')
    .description('say, for each target, whether it is up or down now, since when, and its last outage')
    .option('--data <dir>', 'data folder: one folder per target, or one target folder itself', defaultDataDir())
    .action((opts: { data: string }) => runStatus(opts.data));
}

function runStatus(dataDir: string): void {
  const now = Math.floor(Date.now() / 1000);
  const clock = new ClockFormatter(localZone());
  const lines = findTargets(dataDir).map((t) => statusLine(targetStatus(t.dir, loadTarget(t.dir, t.name), now), now, (s) => clock.format(s)));
  process.stdout.write(lines.join('\n') + '\n');
}
