/**
 * The HTML evidence report of a year: 3 targets, each with a year of per-minute ping samples,
 * and 10,000 outages in all, each with its cause, evidence and probe bounds in the journal.
 * Measured in a child process running the built code (dist/), as `nom report` runs it: reading
 * and analysing the files (makeReportDocument), then charts and tables (writeHtmlReport) to
 * stdout. The output is checked: one table row per outage, and each target's latency charts.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { measureNode, median } from './support/measure.js';
import { writeYearOfData } from './support/year-of-data.js';

const GOAL_SECONDS = 2;
/** Of which the document: reading a year of records, samples and journal, and analysing it. */
const DOCUMENT_GOAL_SECONDS = 1;
const GOAL_MB = 300;
const ZONE = 'Europe/Oslo';
const DIST = fileURLToPath(new URL('../dist/', import.meta.url));

/**
 * The measured child: the report engine and the HTML writer from dist/, nothing else loaded. It
 * says on stderr how long each half took, so the bench can tell them apart.
 */
const CHILD = `
import { pathToFileURL } from 'node:url';
const [dist, dataDir, from, to, zoneName] = process.argv.slice(2);
const load = (path) => import(pathToFileURL(dist + path).href);
const { makeReportDocument } = await load('core/report/make-document.js');
const { writeHtmlReport } = await load('core/report/html/render-html.js');
const { namedZone } = await load('core/time/zone.js');
const started = performance.now();
const request = { dataDir, range: { from: Number(from), to: Number(to) }, zone: namedZone(zoneName), now: Number(to), clock: { state: 'synchronized', source: 'bench' } };
const { document } = await makeReportDocument(request);
const made = performance.now();
await writeHtmlReport(document, (chunk) => (process.stdout.write(chunk) ? undefined : new Promise((resolve) => process.stdout.once('drain', resolve))));
process.stderr.write(JSON.stringify({ document: (made - started) / 1000, html: (performance.now() - made) / 1000 }) + '\\n');
`;

interface Run {
  seconds: number;
  peakMB: number;
  document: number;
  html: number;
  bytes: number;
}

export function benchReportHtml(): void {
  console.log('\n## nom report --format html: a year, 3 targets with per-minute ping samples, 10,000 outages with evidence');
  if (!existsSync(join(DIST, 'core/report/html/render-html.js'))) {
    console.log('skipped: dist/ is not built (npm run build)');
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'nom-bench-html-'));
  try {
    const data = join(dir, 'data');
    const year = writeYearOfData(data);
    const expected = year.outages.reduce((a, b) => a + b, 0);
    const child = join(dir, 'child.mjs');
    writeFileSync(child, CHILD);
    const out = join(dir, 'report.html');
    const runs = [1, 2, 3].map((): Run => {
      const m = measureNode(child, [DIST, data, String(year.range.from), String(year.range.to), ZONE], out);
      if (m.code !== 0) throw new Error(`the html report failed: ${m.stderr}`);
      const halves = JSON.parse(m.stderr.trim().split('\n').at(-1)!) as { document: number; html: number };
      const html = readFileSync(out, 'utf8');
      const rows = (html.match(/^<tr><td>\d{4}-\d\d-\d\d \d\d:\d\d:\d\d<\/td><td>/gm) ?? []).length;
      const events = (html.match(/^<tr><td>[^<]*<\/td><td>(External|Traffic)/gm) ?? []).length;
      if (rows - events !== expected) throw new Error(`expected ${expected} outage rows, found ${rows - events}`);
      const latencyCharts = (html.match(/<h4>Response time per day<\/h4><svg /g) ?? []).length;
      if (latencyCharts !== year.targets.length) throw new Error(`expected a latency chart per target, found ${latencyCharts}`);
      return { ...m, ...halves, bytes: html.length };
    });
    const seconds = median(runs.map((r) => r.seconds));
    const peak = Math.max(...runs.map((r) => r.peakMB));
    console.log(`output checked: ${expected.toLocaleString('en')} outage rows, a latency chart per target, ${(runs[0]!.bytes / 1e6).toFixed(1)} MB of HTML`);
    console.log(`time (median of 3, whole process): ${seconds.toFixed(3)} s   goal: < ${GOAL_SECONDS} s`);
    console.log(`  of which reading and analysing (makeReportDocument): ${median(runs.map((r) => r.document)).toFixed(3)} s   goal: < ${DOCUMENT_GOAL_SECONDS} s`);
    console.log(`  of which charts and tables (writeHtmlReport): ${median(runs.map((r) => r.html)).toFixed(3)} s`);
    console.log(`peak memory: ${peak.toFixed(1)} MB   goal: < ${GOAL_MB} MB`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
