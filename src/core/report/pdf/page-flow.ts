import { CONTENT_WIDTH, MARGIN, PAGE } from './pdf-engine.js';
import type { RawFonts } from './raw-content.js';
import { pdfText } from './win-ansi.js';

const INK = '#000000';
export const GREY = '#5f6368';
export const RULE = '#c8cbd0';

export type FontName = 'Helvetica' | 'Helvetica-Bold' | 'Courier' | 'Courier-Bold';

export interface TextStyle {
  font: FontName;
  size: number;
  color: string;
  /** Points added below each line, over the font's own line height. */
  lineGap: number;
}

const style = (font: FontName, size: number, color = INK, lineGap = 0): TextStyle => ({ font, size, color, lineGap });

export const STYLE = {
  title: style('Helvetica-Bold', 22),
  period: style('Helvetica', 11, GREY),
  target: style('Helvetica-Bold', 13),
  headline: style('Helvetica', 13, INK, 1.5),
  h1: style('Helvetica-Bold', 16),
  h2: style('Helvetica-Bold', 12),
  body: style('Helvetica', 9.5, INK, 2),
  note: style('Helvetica', 8, GREY, 1),
  figureValue: style('Helvetica-Bold', 13),
  figureLabel: style('Helvetica', 7.5, GREY),
  mono: style('Courier', 7, INK, 1.8),
} as const;

/** A piece of a paragraph set apart from the rest of it: a bold word, a colour, a command in Courier. */
export interface Run {
  text: string;
  font?: FontName;
  color?: string;
}

export interface Place {
  x?: number;
  width?: number;
}

/**
 * The cursor down the pages, for everything but the outage tables: paragraphs are measured
 * before they are set, and one that does not fit the rest of a page starts the next, so no
 * paragraph, heading or block kept together is split. Text goes through `pdfText` here, once.
 */
export class PageFlow {
  y: number = MARGIN.top;

  /** Starts the first page; `rawFonts` are those of the tables, which are written as operators. */
  constructor(
    readonly pdf: PDFKit.PDFDocument,
    readonly rawFonts: RawFonts,
  ) {
    pdf.addPage();
  }

  get bottom(): number {
    return PAGE.height - MARGIN.bottom;
  }

  get atPageTop(): boolean {
    return this.y <= MARGIN.top;
  }

  newPage(): void {
    this.pdf.addPage();
    this.y = MARGIN.top;
  }

  /** Starts a new page unless `height` points still fit on this one. */
  keep(height: number): void {
    if (!this.atPageTop && this.y + height > this.bottom) this.newPage();
  }

  /** Space between blocks; none at the top of a page. */
  space(points: number): void {
    if (!this.atPageTop) this.y = Math.min(this.y + points, this.bottom);
  }

  /**
   * The height a paragraph takes. A first run in another font (a bold lead-in) is measured as
   * pdfkit sets it, as the indent of the first line; runs in other fonts further on are
   * measured in the widest font used, so a paragraph is never under-measured.
   */
  measure(text: string | Run[], s: TextStyle, width = CONTENT_WIDTH): number {
    const [first, ...rest] = asRuns(text);
    if (first === undefined) return 0;
    this.pdf.fontSize(s.size);
    let indent = 0;
    let runs = [first, ...rest];
    if (rest.length > 0 && first.font !== undefined && first.font !== s.font) {
      indent = this.pdf.font(first.font).widthOfString(pdfText(first.text));
      runs = rest;
    }
    this.pdf.font(widestFont(runs, s.font));
    return this.pdf.heightOfString(pdfText(runs.map((r) => r.text).join('')), { width, lineGap: s.lineGap, indent });
  }

  /** Sets a paragraph at the cursor, on this page if it fits and else on the next, and moves the cursor below it. */
  text(text: string | Run[], s: TextStyle, place: Place = {}): void {
    const width = place.width ?? CONTENT_WIDTH;
    this.keep(this.measure(text, s, width));
    this.y = this.draw(text, s, this.y, place);
  }

  /** Sets a paragraph at `top` without moving the cursor (a cell beside others), and says where it ends. */
  draw(text: string | Run[], s: TextStyle, top: number, place: Place = {}): number {
    const runs = asRuns(text).filter((r) => r.text !== '');
    const options = { width: place.width ?? CONTENT_WIDTH, lineGap: s.lineGap };
    this.pdf.fontSize(s.size);
    runs.forEach((r, i) => {
      this.pdf.font(r.font ?? s.font).fillColor(r.color ?? s.color);
      const continued = i < runs.length - 1;
      if (i === 0) this.pdf.text(pdfText(r.text), place.x ?? MARGIN.left, top, { ...options, continued });
      else this.pdf.text(pdfText(r.text), { ...options, continued });
    });
    return runs.length === 0 ? top : this.pdf.y;
  }
}

function asRuns(text: string | Run[]): Run[] {
  return typeof text === 'string' ? [{ text }] : text;
}

const WIDTH_RANK: Record<FontName, number> = { Helvetica: 0, 'Helvetica-Bold': 1, Courier: 2, 'Courier-Bold': 3 };

function widestFont(runs: Run[], base: FontName): FontName {
  return runs.reduce<FontName>((widest, r) => (r.font && WIDTH_RANK[r.font] > WIDTH_RANK[widest] ? r.font : widest), base);
}
