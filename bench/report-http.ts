/**
 * The year's report (3 targets, per-minute samples, 10,000 outages) asked of the daemon's HTTP
 * API, in a child process running the built code: how long the download takes, the process's
 * peak memory with the worker thread's, and how late the event loop (where the daemon's probe
 * timers run) ran meanwhile. For comparison, the same PDF made on the event loop itself, as it
 * would be without the worker.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { measureNode } from './support/measure.js';
import { writeYearOfData } from './support/year-of-data.js';

const ZONE = 'Europe/Oslo';
const DIST = fileURLToPath(new URL('../dist/', import.meta.url));
/** A probe's timeout is counted by the 100 ms sweep: a loop late by less than that changes no verdict. */
const LATE_GOAL_MS = 100;

const CHILD = `
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
const [dist, dataDir, from, to, zone, stage] = process.argv.slice(2);
const load = (path) => import(pathToFileURL(dist + path).href);
const lateness = async (work) => {
  const h = monitorEventLoopDelay({ resolution: 10 });
  h.enable();
  const started = performance.now();
  const bytes = await work();
  const seconds = (performance.now() - started) / 1000;
  h.disable();
  return { seconds, bytes, maxLateMs: h.max / 1e6 - 10, p99LateMs: h.percentile(99) / 1e6 - 10 };
};
const results = {};
if (stage === 'http') {
  const { startHttpServer } = await load('core/http/http-server.js');
  const { ReportQueue } = await load('core/report/job/report-queue.js');
  const { runReportJob } = await load('core/report/job/run-report-job.js');
  const log = { debug() {}, info() {}, warn() {}, error: (m) => process.stderr.write(m + '\\n'), child: () => log };
  const server = await startHttpServer({ host: '127.0.0.1', port: 0 }, { dataDir, reports: new ReportQueue(runReportJob), now: () => Number(to), liveTargets: () => [], log, handlers: {}, subscribe: () => () => undefined, uiDir: dataDir, token: null });
  for (const format of ['html', 'pdf']) {
    results[format] = await lateness(async () => {
      const r = await fetch(server.url + '/api/report?format=' + format + '&from=@' + from + '&to=@' + to + '&tz=' + zone);
      if (r.status !== 200) throw new Error(format + ': HTTP ' + r.status + ' ' + (await r.text()));
      return (await r.arrayBuffer()).byteLength;
    });
  }
  await server.close();
} else {
  const { writeReport } = await load('core/report/job/write-report.js');
  results.pdf = await lateness(async () => {
    let bytes = 0;
    await writeReport({ dataDir, from: Number(from), to: Number(to), zone, format: 'pdf', now: Number(to) }, (chunk) => { bytes += chunk.length; });
    return bytes;
  });
}
process.stderr.write(JSON.stringify(results) + '\\n');
`;

interface Lateness {
  seconds: number;
  bytes: number;
  maxLateMs: number;
  p99LateMs: number;
}

export function benchReportHttp(): void {
  console.log("\n## the year's report through nom daemon --http: download time, memory, and the event loop meanwhile");
  if (!existsSync(join(DIST, 'core/http/http-server.js'))) {
    console.log('skipped: dist/ is not built (npm run build)');
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'nom-bench-http-'));
  try {
    const data = join(dir, 'data');
    const year = writeYearOfData(data);
    const child = join(dir, 'child.mjs');
    writeFileSync(child, CHILD);
    const run = (stage: 'http' | 'in-thread') => {
      const m = measureNode(child, [DIST, data, String(year.range.from), String(year.range.to), ZONE, stage], join(dir, 'stdout'));
      if (m.code !== 0) throw new Error(`the report failed (${stage}): ${m.stderr}`);
      return { peakMB: m.peakMB, results: JSON.parse(m.stderr.trim().split('\n').at(-1)!) as Record<string, Lateness> };
    };
    const http = run('http');
    const inThread = run('in-thread');
    const line = (name: string, r: Lateness) =>
      `${name}: ${r.seconds.toFixed(2)} s, ${(r.bytes / 1e6).toFixed(1)} MB; event loop late by at most ${r.maxLateMs.toFixed(0)} ms (p99 ${r.p99LateMs.toFixed(0)} ms)`;
    console.log(line('GET /api/report?format=html', http.results.html!));
    console.log(line('GET /api/report?format=pdf ', http.results.pdf!));
    const worst = Math.max(http.results.html!.maxLateMs, http.results.pdf!.maxLateMs);
    console.log(`peak memory of the process, worker included: ${http.peakMB.toFixed(0)} MB`);
    console.log(`event loop goal: late by < ${LATE_GOAL_MS} ms: ${worst < LATE_GOAL_MS ? 'meets the goal' : 'MISSES the goal'}`);
    console.log(line('for comparison, the PDF on the event loop itself', inThread.results.pdf!));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
