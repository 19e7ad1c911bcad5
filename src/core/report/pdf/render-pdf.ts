import { targetCharts } from '../charts/target-charts.js';
import type { ReportDocument } from '../document/report-document.js';
import { eventsSection, evidenceSection } from './evidence-pages.js';
import { madeAt, PageFrame } from './page-frame.js';
import { PageFlow } from './page-flow.js';
import { openPdf } from './pdf-engine.js';
import { rawFonts } from './raw-content.js';
import { summaryPage } from './summary-page.js';
import { targetPages } from './target-pages.js';

/**
 * The evidence report as a PDF, made with no browser: page 1 sums it up for anyone, each
 * target's charts and outages follow, then address changes and failovers, and last how the
 * record was kept and which files it was made from.
 */
export async function renderPdf(doc: ReportDocument): Promise<Buffer> {
  const { pdf, finish } = openPdf({ title: doc.title, subject: doc.period, madeAt: madeAt(doc) });
  const fonts = rawFonts(pdf);
  const frame = new PageFrame(pdf, doc, fonts);
  const flow = new PageFlow(pdf, fonts);
  summaryPage(flow, doc);
  for (const t of doc.targets) targetPages(flow, t, await targetCharts(t));
  eventsSection(flow, doc);
  evidenceSection(flow, doc);
  frame.numberPages();
  return finish();
}
