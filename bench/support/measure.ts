import { spawnSync } from 'node:child_process';
import { mkdtempSync, openSync, closeSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const RSS_REPORTER = fileURLToPath(new URL('./report-maxrss.mjs', import.meta.url));

export interface Measured {
  seconds: number;
  peakMB: number;
  code: number | null;
  stderr: string;
}

/** Runs a Node script as a child with stdout to a file; returns wall time and the child's peak RSS. */
export function measureNode(script: string, args: string[], stdoutFile: string, env: NodeJS.ProcessEnv = {}): Measured {
  const dir = mkdtempSync(join(tmpdir(), 'nom-bench-rss-'));
  const rssFile = join(dir, 'rss');
  const out = openSync(stdoutFile, 'w');
  const started = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['--import', RSS_REPORTER, script, ...args], {
    stdio: ['ignore', out, 'pipe'],
    env: { ...process.env, ...env, NOM_BENCH_RSS_FILE: rssFile },
    encoding: 'utf8',
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  closeSync(out);
  const peakKiB = Number(readFileSync(rssFile, 'utf8').trim());
  rmSync(dir, { recursive: true, force: true });
  return { seconds, peakMB: peakKiB / 1024, code: r.status, stderr: r.stderr };
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}
