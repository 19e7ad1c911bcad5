import type { Content } from 'pdfmake/interfaces.js';
import type { Chart } from '../charts/chart.js';
import { CONTENT_WIDTH } from './page-frame.js';
import { pdfText } from './win-ansi.js';

/**
 * Each chart with its heading and its how-to-read caption, kept on one page. The charts are
 * SVG, drawn as vectors (sharp in print, text searchable) at their own size, or smaller to fit.
 */
export function chartBlocks(charts: Chart[]): Content[] {
  return charts.map((c) => ({
    unbreakable: true,
    stack: [
      { text: pdfText(c.title), style: 'h2' },
      { svg: c.svg, width: Math.min(CONTENT_WIDTH, c.width * PT_PER_PX) },
      { text: pdfText(c.description), style: 'note', margin: [0, 4, 0, 0] },
    ],
  }));
}

/** SVG sizes are CSS pixels, 96 to the inch; PDF sizes are points, 72 to the inch. */
const PT_PER_PX = 0.75;
