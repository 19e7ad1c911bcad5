import type { Chart } from '../charts/chart.js';
import type { Figure, TargetSection } from '../document/report-document.js';
import { chartBlocks } from './chart-section.js';
import { degradedTable } from './degraded-table.js';
import { causeLegend, outageTable } from './outage-table.js';
import { STYLE, type PageFlow } from './page-flow.js';
import { CONTENT_WIDTH, MARGIN } from './pdf-engine.js';

const TARGET_ONLY_NOTE = 'A DNS server on the internet still answered during these spans, so the internet itself worked: they are not counted as downtime.';

/**
 * One target's evidence, from a fresh page: what its causes mean, the contract's terms, the
 * charts, then every outage, and apart from them the spans when only the watched address was
 * silent and the periods when the connection was degraded.
 */
export function targetPages(flow: PageFlow, t: TargetSection, charts: Chart[]): void {
  flow.newPage();
  flow.text(t.address ? `${t.name} (${t.address})` : t.name, STYLE.h1);
  flow.y += 8;
  if (t.outages.length + t.targetOnly.length > 0) {
    causeLegend(flow, [t.outages, t.targetOnly]);
    flow.y += 8;
  }
  if (t.sla) slaTerms(flow, t.sla.figures);
  chartBlocks(flow, charts);
  if (t.outages.length === 0) {
    flow.space(16);
    flow.text('Outages', STYLE.h2);
    flow.y += 6;
    flow.text(t.noOutages, STYLE.body);
  } else {
    outageTable(flow, `Outages (${t.outages.length})`, t.outages);
  }
  if (t.targetOnly.length > 0) outageTable(flow, `The watched address alone was silent (${t.targetOnly.length})`, t.targetOnly, TARGET_ONLY_NOTE);
  degradedTable(flow, t.degraded);
}

const LABEL_WIDTH = 170;
const LABEL_TEXT_WIDTH = LABEL_WIDTH - 8;

/** The contract's terms, a label and its value on each line, kept together. */
function slaTerms(flow: PageFlow, figures: Figure[]): void {
  const valuePlace = { x: MARGIN.left + LABEL_WIDTH, width: CONTENT_WIDTH - LABEL_WIDTH };
  const value = { ...STYLE.body, font: 'Helvetica-Bold' } as const;
  const heights = figures.map((f) => Math.max(flow.measure(f.label, STYLE.body, LABEL_TEXT_WIDTH), flow.measure(f.value, value, valuePlace.width)) + 2);
  flow.keep(flow.measure('Contract (SLA)', STYLE.h2) + 6 + heights.reduce((a, b) => a + b, 0));
  flow.text('Contract (SLA)', STYLE.h2);
  flow.y += 6;
  figures.forEach((f, i) => {
    flow.draw(f.label, STYLE.body, flow.y + 1, { width: LABEL_TEXT_WIDTH });
    flow.draw(f.value, value, flow.y + 1, valuePlace);
    flow.y += heights[i]!;
  });
  flow.y += 6;
}
