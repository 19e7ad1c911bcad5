import type { Chart } from '../charts/chart.js';
import type { Figure, TargetSection } from '../document/report-document.js';
import type { LineBuffer } from '../text-sink.js';
import { degradedTable } from './degraded-table.js';
import { escapeMarkup as e } from './escape.js';
import { causeLegend, writeOutageTable } from './outage-table.js';
import { targetHeading } from './summary-page.js';

/**
 * One target's evidence, from a fresh page: the contract's terms, the charts, then every
 * outage, and apart from them the spans when only the watched address was silent and the
 * periods when the connection was degraded.
 */
export async function writeTargetSection(t: TargetSection, charts: Chart[], out: LineBuffer): Promise<void> {
  await out.push('<section class="page">', `<h2>${targetHeading(t)}</h2>`);
  if (t.sla) await out.push(termsTable('Contract (SLA)', t.sla.figures), `<p>${e(t.sla.summary)}</p>`);
  if (charts.length > 0) await out.push('<h3>Charts</h3>', ...charts.map(figure));
  if (t.outages.length === 0) await out.push('<h3>Outages (0)</h3>', `<p>${e(t.noOutages)}</p>`);
  else {
    await out.push(`<div class="table-title"><h3>Outages (${t.outages.length})</h3>${causeLegend(t.outages)}</div>`);
    await writeOutageTable(`Every outage of ${t.name}, oldest first (local time)`, t.outages, out);
  }
  if (t.targetOnly.length > 0) {
    await out.push(
      `<div class="table-title"><h3>The watched address alone was silent (${t.targetOnly.length})</h3>`,
      '<p class="note">A DNS server on the internet still answered during these spans, so the internet itself worked: they are not counted as downtime.</p></div>',
    );
    await writeOutageTable(`Spans when only the watched address of ${t.name} was silent, oldest first (local time)`, t.targetOnly, out);
  }
  await out.push(...degradedTable(t.name, t.degraded), '</section>');
}

function termsTable(caption: string, figures: Figure[]): string {
  const rows = figures.map((f) => `<tr><th scope="row">${e(f.label)}</th><td>${e(f.value)}</td></tr>`).join('');
  return `<table class="terms"><caption>${e(caption)}</caption><tbody>${rows}</tbody></table>`;
}

/** A chart with its heading and how to read it; the SVG is ours, its text already escaped where it was made. */
function figure(chart: Chart): string {
  return `<figure><h4>${e(chart.title)}</h4>${chart.svg}<figcaption>${e(chart.description)}</figcaption></figure>`;
}
