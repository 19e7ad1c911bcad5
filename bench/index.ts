import { benchApp } from './app.js';
import { benchDashboard } from './dashboard.js';
import { benchFailoverTime } from './failover-time.js';
import { benchLabTimeline } from './lab-timeline.js';
import { benchLogMillion } from './log-million.js';
import { benchReportHtml } from './report-html.js';
import { benchReportHttp } from './report-http.js';
import { benchReportPdf } from './report-pdf.js';
import { benchSamplesYear } from './samples-year.js';
import { benchScaleTargets } from './scale-targets.js';

/** Every benchmark by name; `npm run bench -- NAME…` runs only those named, in this order. */
const BENCHES: ReadonlyArray<readonly [string, () => void | Promise<void>]> = [
  ['log-million', benchLogMillion],
  ['lab-timeline', benchLabTimeline],
  ['scale-targets', benchScaleTargets],
  ['failover-time', benchFailoverTime],
  ['samples-year', benchSamplesYear],
  ['report-html', benchReportHtml],
  ['report-pdf', benchReportPdf],
  ['report-http', benchReportHttp],
  ['dashboard', benchDashboard],
  ['app', benchApp],
];

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !BENCHES.some(([known]) => known === name));
if (unknown.length > 0) {
  console.error(`nom bench: unknown benchmark ${unknown.join(', ')}; known: ${BENCHES.map(([name]) => name).join(', ')}`);
  process.exit(2);
}

console.log('# nom benchmarks');
for (const [name, run] of BENCHES) if (wanted.length === 0 || wanted.includes(name)) await run();
