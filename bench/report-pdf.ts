/**
 * The PDF evidence report for a year of three targets with 10,000 outages: makeReportDocument
 * and renderPdf, against the goals "PDF under 5 s, under 300 MB". Each run is a fresh child
 * (median of three), timed inside it so that starting Node is not counted; its peak RSS is
 * shown beside that of a child that only loads the same modules, so the report's own share is
 * told apart from Node's.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { median } from './support/measure.js';
import { writeYearOfData } from './support/year-of-data.js';

const RUNS = 3;
const GOAL_SECONDS = 5;
const GOAL_MB = 300;
const ROOT = fileURLToPath(new URL('../', import.meta.url));
const RSS_REPORTER = fileURLToPath(new URL('./support/report-maxrss.mjs', import.meta.url));
const moduleUrl = (path: string): string => pathToFileURL(join(ROOT, path)).href;

interface Run {
  documentSeconds: number;
  pdfSeconds: number;
  outages: number;
  bytes: number;
  peakMB: number;
}

/**
 * One child: load the modules, and unless `loadOnly`, make the document and the PDF and write
 * it to `out`. Times are read in Oslo, as a user's would be: formatting in a zone with summer
 * time costs more than in UTC.
 */
function child(data: { dir: string; range: { from: number; to: number } }, out: string, loadOnly: boolean): Run {
  const code = `
    import { writeFileSync } from 'node:fs';
    const { makeReportDocument } = await import(${JSON.stringify(moduleUrl('src/core/report/make-document.ts'))});
    const { renderPdf } = await import(${JSON.stringify(moduleUrl('src/core/report/pdf/render-pdf.ts'))});
    const { namedZone } = await import(${JSON.stringify(moduleUrl('src/core/time/zone.ts'))});
    if (${loadOnly}) process.exit(0);
    const clock = { state: 'synchronized', source: 'bench' };
    const started = performance.now();
    const range = { from: Number(process.argv[2]), to: Number(process.argv[3]) };
    const { document } = await makeReportDocument({ dataDir: process.argv[1], range, zone: namedZone('Europe/Oslo'), now: Date.now() / 1000, clock });
    const made = performance.now();
    const pdf = await renderPdf(document);
    const done = performance.now();
    writeFileSync(process.argv[4], pdf);
    const outages = document.targets.reduce((n, t) => n + t.outages.length + t.targetOnly.length, 0);
    console.log(JSON.stringify({ documentSeconds: (made - started) / 1000, pdfSeconds: (done - made) / 1000, outages, bytes: pdf.length }));
  `;
  const rssFile = join(tmpdir(), `nom-bench-pdf-rss-${process.pid}`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--import', RSS_REPORTER, '--input-type=module', '-e', code, data.dir, String(data.range.from), String(data.range.to), out], {
    cwd: ROOT,
    env: { ...process.env, NOM_BENCH_RSS_FILE: rssFile },
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  if (r.status !== 0) throw new Error(`PDF bench child failed (${r.status}): ${r.stderr}`);
  const peakMB = Number(readFileSync(rssFile, 'utf8').trim()) / 1024;
  rmSync(rssFile, { force: true });
  if (loadOnly) return { documentSeconds: 0, pdfSeconds: 0, outages: 0, bytes: 0, peakMB };
  return { ...(JSON.parse(r.stdout) as Omit<Run, 'peakMB'>), peakMB };
}

function pages(pdf: string): string {
  try {
    return /^Pages:\s+(\d+)$/m.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))?.[1] ?? '?';
  } catch {
    return '? (pdfinfo from poppler-utils not installed)';
  }
}

export function benchReportPdf(): void {
  const dir = mkdtempSync(join(tmpdir(), 'nom-bench-pdf-'));
  try {
    const data = { dir: join(dir, 'data'), range: writeYearOfData(join(dir, 'data')).range };
    const out = join(dir, 'report.pdf');
    const runs = Array.from({ length: RUNS }, () => child(data, out, false));
    const baseline = child(data, out, true);
    const documentSeconds = median(runs.map((r) => r.documentSeconds));
    const pdfSeconds = median(runs.map((r) => r.pdfSeconds));
    const total = median(runs.map((r) => r.documentSeconds + r.pdfSeconds));
    const peak = median(runs.map((r) => r.peakMB));
    const verdict = (ok: boolean): string => (ok ? 'meets the goal' : 'MISSES the goal');
    console.log(`\n## PDF report: a year of 3 targets, ${runs[0]!.outages} outages (median of ${RUNS} runs)`);
    console.log(`  makeReportDocument ${documentSeconds.toFixed(2)} s + renderPdf ${pdfSeconds.toFixed(2)} s = ${total.toFixed(2)} s   goal < ${GOAL_SECONDS} s: ${verdict(total < GOAL_SECONDS)}`);
    console.log(`  peak memory ${peak.toFixed(0)} MB (Node, tsx and the modules alone: ${baseline.peakMB.toFixed(0)} MB)   goal < ${GOAL_MB} MB: ${verdict(peak < GOAL_MB)}`);
    console.log(`  ${pages(out)} pages, ${(runs[0]!.bytes / 1e6).toFixed(1)} MB`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
