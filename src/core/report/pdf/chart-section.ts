import type { Chart } from '../charts/chart.js';
import { STYLE, type PageFlow } from './page-flow.js';
import { CONTENT_WIDTH, MARGIN } from './pdf-engine.js';
import { drawSvg } from './svg-draw.js';

/** SVG sizes are CSS pixels, 96 to the inch; PDF sizes are points, 72 to the inch. */
const PT_PER_PX = 0.75;

const GAP = { above: 16, belowTitle: 6, belowChart: 4 } as const;

/**
 * Each chart with its heading and its how-to-read caption, kept on one page. The charts are
 * SVG, drawn as vectors (sharp in print, text searchable) at their own size, or smaller to fit.
 */
export function chartBlocks(flow: PageFlow, charts: Chart[]): void {
  for (const c of charts) {
    const scale = Math.min(CONTENT_WIDTH / c.width, PT_PER_PX);
    const height = c.height * scale;
    flow.space(GAP.above);
    flow.keep(flow.measure(c.title, STYLE.h2) + GAP.belowTitle + height + GAP.belowChart + flow.measure(c.description, STYLE.note));
    flow.text(c.title, STYLE.h2);
    flow.y += GAP.belowTitle;
    chartAt(flow.pdf, c, MARGIN.left, flow.y, scale);
    flow.y += height + GAP.belowChart;
    flow.text(c.description, STYLE.note);
  }
}

function chartAt(pdf: PDFKit.PDFDocument, chart: Chart, x: number, y: number, scale: number): void {
  pdf.save();
  pdf.translate(x, y).scale(scale);
  drawSvg(pdf, chart.svg);
  pdf.restore();
}
