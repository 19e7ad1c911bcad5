import { wrapLines } from './line-wrap.js';
import { GREY, type PageFlow } from './page-flow.js';
import { MARGIN } from './pdf-engine.js';
import { boxAt, PageOps, RAW_FONT, rgb, ruleAt, textAt, useRawFonts } from './raw-content.js';
import { pdfText } from './win-ansi.js';

export interface Column {
  head: string;
  /** The column's width in points, padding included. */
  width: number;
}

/** One column's text in a colour, as the operand of `rg`. */
export interface ColumnColor {
  column: number;
  rgb: string;
}

export interface TableSpec {
  title: string;
  /** A sentence under the title, on every page of the table. */
  note?: string;
  columns: Column[];
}

const CELL_SIZE = 7.5;
const TITLE_SIZE = 12;
const NOTE_SIZE = 8;
/** pdfkit's line height for Helvetica: ascender, descender and line gap, per point of size. */
const LINE_HEIGHT = 1.156;
/** Cells are set a little tighter than running text, 110 %, to keep a year's table in fewer pages. */
const CELL_LINE = CELL_SIZE * 1.1;
/**
 * The first column's text starts closer to the margin: the gap it leaves before the second
 * column's is then wider than a space by enough that text extraction (copy and paste, pdftotext)
 * keeps the two apart.
 */
const PAD = { first: 2, left: 3, right: 3, y: 2.5 } as const;
const SPACE_ABOVE = 14;

const COLOR = { text: rgb('#000000'), note: rgb(GREY), headFill: rgb('#eceff1'), headRule: rgb('#9aa0a6'), rowRule: rgb('#dadce0') } as const;

/**
 * A long table written straight into the page content (see raw-content.ts): every row is one
 * string of operators, wrapped here with the metrics it is drawn with. The title and the column
 * heads repeat at the top of every page the table runs onto (page 200 still says what it lists),
 * always with at least one row under them, and no row is split between two pages.
 */
export class TableWriter {
  /** Where each column's text starts. */
  private readonly xs: number[];
  private readonly right: number;
  private readonly textWidths: number[];
  /** The page the heads were last drawn on: rows may follow them there. */
  private headedPage: PDFKit.PDFPage | null = null;
  /** Operators not yet written into the page: see PageOps. */
  private readonly ops = new PageOps();

  constructor(
    private readonly flow: PageFlow,
    private readonly spec: TableSpec,
  ) {
    let x = MARGIN.left;
    this.xs = spec.columns.map((c, i) => {
      const at = x + (i === 0 ? PAD.first : PAD.left);
      x += c.width;
      return at;
    });
    this.right = x;
    this.textWidths = spec.columns.map((c, i) => c.width - (i === 0 ? PAD.first : PAD.left) - PAD.right);
  }

  /** One row, its text black but for the `colored` column's. */
  row(cells: readonly string[], colored?: ColumnColor): void {
    const lines = cells.map((text, i) => wrapLines(pdfText(text), this.textWidths[i]!, CELL_SIZE));
    let most = 1;
    for (const l of lines) most = Math.max(most, l.length);
    const height = most * CELL_LINE + 2 * PAD.y;
    if (this.headedPage !== this.flow.pdf.page || this.flow.y + height > this.flow.bottom) this.heads(height);

    const top = this.flow.y;
    let ops = `q BT /${RAW_FONT.regular} ${CELL_SIZE} Tf ${COLOR.text} rg\n`;
    lines.forEach((cellLines, i) => {
      if (colored?.column === i) ops += `${colored.rgb} rg\n`;
      cellLines.forEach((line, n) => {
        if (line !== '') ops += textAt(line, this.xs[i]!, top + PAD.y + n * CELL_LINE, CELL_SIZE);
      });
      if (colored?.column === i) ops += `${COLOR.text} rg\n`;
    });
    this.ops.add(`${ops}ET ${ruleAt(MARGIN.left, this.right, top + height, 0.4, COLOR.rowRule)}Q\n`);
    this.flow.y = top + height;
  }

  /** Writes what is left of the table into its last page; the flow goes on below it. */
  end(): void {
    this.ops.writeTo(this.flow.pdf);
  }

  /** The title and column heads, on a new page when they and the next row do not fit this one. */
  private heads(rowHeight: number): void {
    const noteLines = this.spec.note === undefined ? [] : wrapLines(pdfText(this.spec.note), this.right - MARGIN.left, NOTE_SIZE);
    const titleHeight = TITLE_SIZE * LINE_HEIGHT * 1.2 + noteLines.length * NOTE_SIZE * LINE_HEIGHT + 4;
    const headHeight = CELL_LINE + 2 * PAD.y;
    if (this.headedPage === null) this.flow.space(SPACE_ABOVE);
    if (!this.flow.atPageTop && this.flow.y + titleHeight + headHeight + rowHeight > this.flow.bottom) {
      this.end();
      this.flow.newPage();
    }
    useRawFonts(this.flow.pdf, this.flow.rawFonts);

    const top = this.flow.y;
    let ops = `q BT /${RAW_FONT.bold} ${TITLE_SIZE} Tf ${COLOR.text} rg\n${textAt(pdfText(this.spec.title), MARGIN.left, top, TITLE_SIZE)}`;
    ops += `/${RAW_FONT.regular} ${NOTE_SIZE} Tf ${COLOR.note} rg\n`;
    noteLines.forEach((line, n) => {
      ops += textAt(line, MARGIN.left, top + TITLE_SIZE * LINE_HEIGHT * 1.2 + n * NOTE_SIZE * LINE_HEIGHT, NOTE_SIZE);
    });
    const headTop = top + titleHeight;
    ops += `ET ${boxAt(MARGIN.left, headTop, this.right - MARGIN.left, headHeight, COLOR.headFill)}`;
    ops += `BT /${RAW_FONT.bold} ${CELL_SIZE} Tf ${COLOR.text} rg\n`;
    this.spec.columns.forEach((c, i) => {
      ops += textAt(pdfText(c.head), this.xs[i]!, headTop + PAD.y, CELL_SIZE);
    });
    this.ops.add(`${ops}ET ${ruleAt(MARGIN.left, this.right, headTop + headHeight, 0.4, COLOR.headRule)}Q\n`);
    this.flow.y = headTop + headHeight;
    this.headedPage = this.flow.pdf.page;
  }
}
