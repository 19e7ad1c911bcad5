/**
 * The PDF evidence report of a year: 3 targets, each with a year of per-minute ping samples, and
 * 10,000 outages in all, against the goals "PDF under 5 s, under 300 MB". Measured in a child
 * process running the built code (dist/), as `nom report --format pdf` runs it: the whole
 * process's time and peak RSS are the verdict; the child says on stderr how long the document
 * and the PDF took. Children that stop after the document, and after loading the modules, tell
 * the document's share of the memory and Node's apart from the PDF's.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { measureNode, median } from './support/measure.js';
import { writeYearOfData } from './support/year-of-data.js';

const RUNS = 3;
const GOAL_SECONDS = 5;
const GOAL_MB = 300;
const ZONE = 'Europe/Oslo';
const DIST = fileURLToPath(new URL('../dist/', import.meta.url));

/** How far a child goes: load the modules, make the document too, or make the PDF as well. */
type Stage = 'load' | 'document' | 'pdf';

const CHILD = `
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
const [dist, dataDir, from, to, zoneName, out, stage] = process.argv.slice(2);
const load = (path) => import(pathToFileURL(dist + path).href);
const { makeReportDocument } = await load('core/report/make-document.js');
const { renderPdf } = await load('core/report/pdf/render-pdf.js');
const { namedZone } = await load('core/time/zone.js');
if (stage === 'load') process.exit(0);
const started = performance.now();
const request = { dataDir, range: { from: Number(from), to: Number(to) }, zone: namedZone(zoneName), now: Number(to), clock: { state: 'synchronized', source: 'bench' } };
const { document } = await makeReportDocument(request);
const made = performance.now();
if (stage === 'document') process.exit(0);
const pdf = await renderPdf(document);
const done = performance.now();
writeFileSync(out, pdf);
const outages = document.targets.reduce((n, t) => n + t.outages.length + t.targetOnly.length, 0);
process.stderr.write(JSON.stringify({ document: (made - started) / 1000, pdf: (done - made) / 1000, outages, bytes: pdf.length }) + '\\n');
`;

interface Run {
  seconds: number;
  peakMB: number;
  document: number;
  pdf: number;
  outages: number;
  bytes: number;
}

function pages(pdf: string): string {
  try {
    return /^Pages:\s+(\d+)$/m.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))?.[1] ?? '?';
  } catch {
    return '? (pdfinfo from poppler-utils not installed)';
  }
}

export function benchReportPdf(): void {
  console.log('\n## nom report --format pdf: a year, 3 targets with per-minute ping samples, 10,000 outages with evidence');
  if (!existsSync(join(DIST, 'core/report/pdf/render-pdf.js'))) {
    console.log('skipped: dist/ is not built (npm run build)');
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'nom-bench-pdf-'));
  try {
    const data = join(dir, 'data');
    const year = writeYearOfData(data);
    const child = join(dir, 'child.mjs');
    writeFileSync(child, CHILD);
    const out = join(dir, 'report.pdf');
    const run = (stage: Stage) => {
      const m = measureNode(child, [DIST, data, String(year.range.from), String(year.range.to), ZONE, out, stage], join(dir, 'stdout'));
      if (m.code !== 0) throw new Error(`the PDF report failed (${stage}): ${m.stderr}`);
      return m;
    };
    const runs = Array.from({ length: RUNS }, (): Run => {
      const m = run('pdf');
      return { ...m, ...(JSON.parse(m.stderr.trim().split('\n').at(-1)!) as Omit<Run, 'seconds' | 'peakMB'>) };
    });
    const expected = year.outages.reduce((a, b) => a + b, 0);
    if (runs[0]!.outages !== expected) throw new Error(`expected ${expected} outages in the document, found ${runs[0]!.outages}`);
    const documentOnly = run('document');
    const modulesOnly = run('load');
    const seconds = median(runs.map((r) => r.seconds));
    const peak = Math.max(...runs.map((r) => r.peakMB));
    const verdict = (ok: boolean): string => (ok ? 'meets the goal' : 'MISSES the goal');
    console.log(`${pages(out)} pages, ${(runs[0]!.bytes / 1e6).toFixed(1)} MB of PDF, ${expected.toLocaleString('en')} outages`);
    console.log(`time (median of ${RUNS}, whole process): ${seconds.toFixed(2)} s   goal: < ${GOAL_SECONDS} s: ${verdict(seconds < GOAL_SECONDS)}`);
    console.log(`  of which the document (makeReportDocument): ${median(runs.map((r) => r.document)).toFixed(2)} s, the PDF (renderPdf): ${median(runs.map((r) => r.pdf)).toFixed(2)} s`);
    console.log(`peak memory: ${peak.toFixed(0)} MB   goal: < ${GOAL_MB} MB: ${verdict(peak < GOAL_MB)}`);
    console.log(`  the document alone: ${documentOnly.peakMB.toFixed(0)} MB; Node and the modules alone: ${modulesOnly.peakMB.toFixed(0)} MB`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
