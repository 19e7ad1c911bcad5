/**
 * `nom log --load` on a generated 1,000,000-record log, against network-outage-monitor's own
 * `log` on the same files (13.6 s and 157 MB on this machine, per the issue). The output is
 * checked against the generator's own truth: line count, both totals, and every 997th row.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Status, encodeV2 } from '../src/core/store/transition-record.js';
import { formatSeedDuration } from '../src/core/time/duration.js';
import { measureNode, median } from './support/measure.js';

const RECORDS = 1_000_000;
const SEED_SECONDS = 13.6;
const SEED_MB = 157;
const CLI = fileURLToPath(new URL('../dist/cli/index.js', import.meta.url));

interface Generated {
  dir: string;
  times: number[];
  statuses: Status[];
  uptime: number;
  downtime: number;
}

/** A two-year life of a flapping line: sessions of UP/DOWN flaps, stopped and restarted now and then. */
function generate(): Generated {
  const dir = mkdtempSync(join(tmpdir(), 'nom-bench-log-'));
  let seed = 42;
  const rand = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
  const times: number[] = [];
  const statuses: Status[] = [];
  let t = Date.UTC(2024, 0, 1) / 1000;
  let state: Status = Status.STOPPED;
  let uptime = 0;
  let downtime = 0;
  while (times.length < RECORDS) {
    let next: Status;
    if (state === Status.STOPPED) next = Status.STARTED;
    else if (state === Status.STARTED) next = Status.UP;
    else if (rand() < 0.001) next = Status.STOPPED;
    else next = state === Status.UP ? Status.DOWN : Status.UP;
    const gap = next === Status.UP && state === Status.STARTED ? 2 : 1 + Math.floor(rand() * 120);
    if (times.length > 0) {
      if (state === Status.UP) uptime += gap;
      if (state === Status.DOWN) downtime += gap;
    }
    t += times.length > 0 ? gap : 0;
    times.push(t);
    statuses.push(next);
    state = next;
  }
  const byMonth = new Map<string, Buffer[]>();
  times.forEach((time, i) => {
    const d = new Date(time * 1000);
    const name = `uptime_${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}.log`;
    const list = byMonth.get(name) ?? [];
    list.push(encodeV2(time, statuses[i]!));
    byMonth.set(name, list);
  });
  for (const [name, records] of byMonth) writeFileSync(join(dir, name), Buffer.concat(records));
  return { dir, times, statuses, uptime, downtime };
}

function check(output: string, g: Generated): void {
  const lines = output.split('\n');
  const expectLines = RECORDS + 5 + 1;
  if (lines.length !== expectLines) throw new Error(`expected ${expectLines - 1} lines, got ${lines.length - 1}`);
  if (lines[0] !== `Total uptime: ${formatSeedDuration(g.uptime)}`) throw new Error(`uptime line wrong: ${lines[0]}`);
  if (lines[1] !== `Total downtime: ${formatSeedDuration(g.downtime)}`) throw new Error(`downtime line wrong: ${lines[1]}`);
  const names = ['UP     ', 'DOWN   ', 'STARTED', 'STOPPED'];
  for (let i = 0; i < RECORDS; i += 997) {
    const iso = new Date(g.times[i]! * 1000).toISOString();
    const want = `| ${iso.slice(0, 10)} ${iso.slice(11, 19)} | ${names[g.statuses[i]!]} |`;
    if (lines[5 + i] !== want) throw new Error(`row ${i}: got "${lines[5 + i]}", want "${want}"`);
  }
}

export function benchLogMillion(): void {
  console.log(`\n## nom log --load: ${RECORDS.toLocaleString('en')} records`);
  const g = generate();
  const outFile = join(g.dir, '..', `${g.dir.split('/').pop()}.out`);
  try {
    const runs = [1, 2, 3].map(() => {
      const m = measureNode(CLI, ['log', '--load', g.dir], outFile, { TZ: 'UTC' });
      if (m.code !== 0) throw new Error(`nom log failed: ${m.stderr}`);
      check(readFileSync(outFile, 'utf8'), g);
      return m;
    });
    const seconds = median(runs.map((r) => r.seconds));
    const peak = Math.max(...runs.map((r) => r.peakMB));
    console.log(`output checked: ${RECORDS + 5} lines, totals and every 997th row equal the generator's truth`);
    console.log(`time (median of 3): ${seconds.toFixed(3)} s   goal: ≤ ${(SEED_SECONDS / 20).toFixed(2)} s (20x faster than the original's ${SEED_SECONDS} s)`);
    console.log(`speed-up vs network-outage-monitor: ${(SEED_SECONDS / seconds).toFixed(1)}x`);
    console.log(`peak memory: ${peak.toFixed(1)} MB   goal: < 100 MB (original: ${SEED_MB} MB)`);
  } finally {
    rmSync(g.dir, { recursive: true, force: true });
    rmSync(outFile, { force: true });
  }
}
