import { API_PATHS } from '../../shared/api-contract.js';
import { escapeMarkup } from '../report/html/escape.js';

/**
 * The daemon's front page: the report, one click away from any browser on a box with no
 * screen. A plain form that asks GET /api/report; no script, so it works wherever HTML does.
 */
export function reportPage(targets: string[], zoneName: string): string {
  const options = targets.map((name) => `<option value="${escapeMarkup(name)}">${escapeMarkup(name)}</option>`).join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>nom — ISP report</title>
<style>
body { font: 16px/1.5 system-ui, sans-serif; max-width: 38rem; margin: 2rem auto; padding: 0 1rem; color: #1f1f1f; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; }
form { display: grid; grid-template-columns: max-content 1fr; gap: .6rem 1rem; align-items: center; margin-top: 1.5rem; }
label { font-weight: 600; }
input, select, button { font: inherit; padding: .3rem .45rem; }
.hint { grid-column: 2; margin: -.4rem 0 0; font-size: .85rem; color: #555; }
button { grid-column: 2; justify-self: start; padding: .5rem 1.2rem; }
</style>
</head>
<body>
<h1>ISP report</h1>
<p>Every outage this monitor recorded, with its evidence, as a file to send to your internet provider.</p>
${targets.length === 0 ? '<p><strong>Nothing recorded yet.</strong> The report can be made once the first records are written.</p>' : ''}
<form method="get" action="${API_PATHS.report}">
<label for="format">Format</label>
<select id="format" name="format"><option value="html">HTML page</option><option value="pdf">PDF document</option><option value="md">Markdown</option><option value="csv">CSV (a row per outage)</option><option value="json">JSON</option></select>
<label for="target">Target</label>
<select id="target" name="target"><option value="">all targets</option>${options}</select>
<label for="from">From</label>
<input id="from" name="from" placeholder="first record">
<p class="hint">A month (2025-10), a day (2025-10-01) or a time (2025-10-01T14:00).</p>
<label for="to">To</label>
<input id="to" name="to" placeholder="last record">
<p class="hint">A bare month or day means through its end.</p>
<label for="tz">Time zone</label>
<input id="tz" name="tz" value="${escapeMarkup(zoneName)}">
<label for="sla">Contracted availability (%)</label>
<input id="sla" name="sla" inputmode="decimal" placeholder="e.g. 99.5">
<label for="sla-hours">Contract counts</label>
<select id="sla-hours" name="sla-hours"><option value="all">all hours</option><option value="business">business hours (Mon–Fri 09:00–17:00)</option></select>
<label for="sla-min-outage">Ignore outages under (s)</label>
<input id="sla-min-outage" name="sla-min-outage" inputmode="numeric" placeholder="0">
<button type="submit">Make the report</button>
</form>
</body>
</html>
`;
}
