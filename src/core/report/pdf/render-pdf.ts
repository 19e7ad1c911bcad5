import { targetCharts } from '../charts/target-charts.js';
import type { ReportDocument } from '../document/report-document.js';
import { chartBlocks } from './chart-section.js';
import { eventsSection, evidenceSection } from './evidence-pages.js';
import { pageFrame } from './page-frame.js';
import { printPdf } from './pdf-engine.js';
import { summaryPage } from './summary-page.js';
import { targetPages } from './target-pages.js';

/**
 * The evidence report as a PDF, made with no browser: page 1 sums it up for anyone, each
 * target's charts and outages follow, then address changes and failovers, and last how the
 * record was kept and which files it was made from.
 */
export async function renderPdf(doc: ReportDocument): Promise<Buffer> {
  const charts = await Promise.all(doc.targets.map(targetCharts));
  return printPdf(
    pageFrame(doc, [
      ...summaryPage(doc),
      ...doc.targets.flatMap((t, i) => targetPages(t, chartBlocks(charts[i]!))),
      ...eventsSection(doc),
      ...evidenceSection(doc),
    ]),
  );
}
