import type { Content, CustomTableLayout, TableCell } from 'pdfmake/interfaces.js';
import type { OutageCause } from '../../../shared/events.js';
import type { OutageRow } from '../document/report-document.js';
import { CAUSE_SHORT, CAUSE_WORDS } from '../document/words.js';
import { wrapLines } from './line-wrap.js';
import { CONTENT_WIDTH } from './page-frame.js';
import { pdfText } from './win-ansi.js';

/** A cause's colour in the table: the provider's outages stand out, our own network's too. */
const CAUSE_COLOR: Record<OutageCause, string> = {
  isp: '#b3261e',
  local: '#9a5b00',
  target: '#1a5fb4',
  unknown: '#3c4043',
};

const HEAD = ['Start', 'End', 'Duration', 'Cause', 'When exactly', 'What was seen when it began'];

const CELL_FONT_SIZE = 7.5;
const PADDING = { first: 2, left: 3, right: 3 };

/**
 * Column widths inside the padding (pdfmake adds the padding around them). A date and time,
 * 69.6 pt at 7.5 pt, fits its column on one line; what was seen takes the rest of the page.
 */
const FIXED = [72, 72, 56, 44, 96];
const PADDINGS = PADDING.first + PADDING.left * (HEAD.length - 1) + PADDING.right * HEAD.length;
const WIDTHS = [...FIXED, CONTENT_WIDTH - PADDINGS - FIXED.reduce((a, b) => a + b, 0)];

/** Room for text in each column, less a little for the kerning that measuring leaves out. */
const TEXT_WIDTHS = WIDTHS.map((w) => w * 0.98);

/**
 * A table's first two rows are its title and its column heads, and both repeat on every page:
 * a title cannot be left alone at the foot of a page, and page 200 of a long table still says
 * what it lists.
 */
const TITLE_ROWS = 2;

/** Light rules between rows and a shaded header, so a long row is easy to follow across. */
export const TABLE_LAYOUT: CustomTableLayout = {
  hLineWidth: (i, node) => (i < TITLE_ROWS || i === node.table.body.length ? 0 : 0.4),
  hLineColor: (i) => (i === TITLE_ROWS ? '#9aa0a6' : '#dadce0'),
  vLineWidth: () => 0,
  fillColor: (row) => (row === TITLE_ROWS - 1 ? '#eceff1' : null),
  paddingLeft: (i) => (i === 0 ? PADDING.first : PADDING.left),
  paddingRight: () => PADDING.right,
  paddingTop: (row) => (row === 0 ? 0 : 2.5),
  paddingBottom: (row) => (row === 0 ? 4 : 2.5),
};

/** What each cause in the tables means, for the causes they hold. */
export function causeLegend(rows: OutageRow[]): Content {
  const causes = (['isp', 'local', 'unknown', 'target'] as const).filter((c) => rows.some((r) => r.cause === c));
  return {
    style: 'note',
    margin: [0, 0, 0, 8],
    stack: causes.map((c) => ({ text: [{ text: `${CAUSE_SHORT[c]}: `, bold: true, color: CAUSE_COLOR[c] }, pdfText(CAUSE_WORDS[c])] })),
  };
}

/** Every outage, one row each, none split across two pages. */
export function outageTable(title: Content, rows: OutageRow[]): Content {
  const body: TableCell[][] = [titleRow(title, HEAD.length), HEAD.map((text) => ({ text, style: 'tableHead' }))];
  for (const r of rows) {
    const cells = [r.start, r.end, keepUnits(r.duration), CAUSE_SHORT[r.cause], r.uncertainty, r.evidence].map((text, i) => lines(text, i));
    cells[3]!.color = CAUSE_COLOR[r.cause];
    body.push(cells);
  }
  return titledTable(WIDTHS, body);
}

/** A titled table of short rows (events): the same look as the outages. */
export function simpleTable(title: Content, head: string[], widths: Array<number | string>, rows: string[][]): Content {
  const body: TableCell[][] = [titleRow(title, head.length), head.map((text) => ({ text, style: 'tableHead' }))];
  for (const row of rows) body.push(row.map(pdfText));
  return titledTable(widths, body);
}

/** `1 h 54 min 42 s` may break between its parts, never between a number and its unit. */
function keepUnits(duration: string): string {
  return duration.replace(/(\d) (?=\p{L})/gu, '$1\u00a0');
}

/** A cell as lines wrapped here, each one piece that pdfmake neither breaks nor measures word by word. */
function lines(text: string, column: number): TableCell & { color?: string } {
  const wrapped = wrapLines(pdfText(text), TEXT_WIDTHS[column]!, CELL_FONT_SIZE);
  if (wrapped.length === 1) return { text: wrapped[0]!, noWrap: true };
  return { stack: wrapped.map((line) => ({ text: line, noWrap: true })) };
}

function titleRow(title: Content, columns: number): TableCell[] {
  return [{ stack: [title], colSpan: columns }, ...Array.from({ length: columns - 1 }, () => ({ text: '' }))];
}

function titledTable(widths: Array<number | string>, body: TableCell[][]): Content {
  return {
    fontSize: CELL_FONT_SIZE,
    margin: [0, 14, 0, 0],
    table: { headerRows: TITLE_ROWS, keepWithHeaderRows: 1, dontBreakRows: true, widths, body },
    layout: TABLE_LAYOUT,
  };
}
