import { targetCharts } from '../charts/target-charts.js';
import type { ReportDocument } from '../document/report-document.js';
import { LineBuffer, type TextSink } from '../text-sink.js';
import { escapeMarkup as e } from './escape.js';
import { eventsSection, evidenceSection } from './evidence-section.js';
import { HTML_STYLE } from './html-style.js';
import { summaryPage } from './summary-page.js';
import { writeTargetSection } from './target-section.js';

/**
 * The evidence report as one self-contained HTML file: inline style, charts inline as SVG, not
 * one script or URL, so it opens the same offline, years later, on the ISP's side. Written to the
 * sink as it is made, so a year of outages never sits in memory twice. Page 1 sums it up for
 * anyone; each target's charts and outages follow, then address changes and failovers, and last
 * how the record was kept and which files it was made from.
 */
export async function writeHtmlReport(doc: ReportDocument, sink: TextSink): Promise<void> {
  const out = new LineBuffer(sink);
  await out.push(
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="generator" content="nom">',
    `<title>${e(doc.title)}</title>`,
    `<style>${HTML_STYLE}</style>`,
    '</head>',
    '<body>',
    '<main>',
    ...summaryPage(doc),
  );
  for (const t of doc.targets) await writeTargetSection(t, await targetCharts(t), out);
  await out.push(...eventsSection(doc), ...evidenceSection(doc), '</main>');
  await out.push(`<footer>Made by nom on ${e(doc.generatedAt)}. Period: ${e(doc.period)}.</footer>`, '</body>', '</html>');
  await out.flush();
}
