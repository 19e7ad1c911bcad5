import { winAnsiCode } from './win-ansi.js';

/**
 * Page content written as PDF operators, for the tables and the frame of every page. pdfkit
 * draws each piece of text with a dozen operators, a saved and restored state and a buffer of
 * its own; for ten thousand outages that is most of a report's time and memory. Here a whole
 * row is one string of operators, its text set in Helvetica with the same widths line-wrap
 * measures with, so what is measured is exactly what is drawn (no kerning on either side).
 */

/** The resource names the tables' fonts go by on every page they are drawn on. */
export const RAW_FONT = { regular: 'NomHelvetica', bold: 'NomHelveticaBold' } as const;

export type RawFonts = Record<string, PDFKit.PDFKitReference>;

/** The two standard fonts as objects of the document, written once and named on each page that uses them. */
export function rawFonts(pdf: PDFKit.PDFDocument): RawFonts {
  const font = (baseFont: string): PDFKit.PDFKitReference => {
    const ref = pdf.ref({ Type: 'Font', Subtype: 'Type1', BaseFont: baseFont, Encoding: 'WinAnsiEncoding' });
    ref.end('');
    return ref;
  };
  return { [RAW_FONT.regular]: font('Helvetica'), [RAW_FONT.bold]: font('Helvetica-Bold') };
}

/** Names the fonts in the current page's resources, so that its operators may use them. */
export function useRawFonts(pdf: PDFKit.PDFDocument, fonts: RawFonts): void {
  Object.assign(pdf.page.fonts as RawFonts, fonts);
}

/**
 * A page's operators gathered as bytes and given to the page at once, as one buffer of its
 * exact size: a string kept growing over a page's rows would outlive the young generation and
 * leave the old one to collect, and a buffer a row would cost an object each.
 */
export class PageOps {
  private scratch = Buffer.allocUnsafe(64 * 1024);
  private used = 0;

  /** Operators already in latin1: ASCII, and WinAnsi codes escaped by `pdfString`. */
  add(ops: string): void {
    if (this.used + ops.length > this.scratch.length) {
      const larger = Buffer.allocUnsafe(Math.max(2 * this.scratch.length, this.used + ops.length));
      this.scratch.copy(larger, 0, 0, this.used);
      this.scratch = larger;
    }
    this.used += this.scratch.write(ops, this.used, 'latin1');
  }

  writeTo(pdf: PDFKit.PDFDocument): void {
    if (this.used === 0) return;
    pdf.addContent(Buffer.from(this.scratch.subarray(0, this.used)));
    this.used = 0;
  }
}

/** Printable ASCII but for the three characters a PDF string escapes: nearly all a table holds. */
const PLAIN = /^[\x20-\x27\x2a-\x5b\x5d-\x7e]*$/;

/** A PDF string of text already made drawable by `pdfText`, in the fonts' WinAnsi encoding. */
export function pdfString(text: string): string {
  if (PLAIN.test(text)) return `(${text})`;
  let out = '(';
  for (const char of text) {
    const code = winAnsiCode(char) ?? 0x3f;
    if (char === '(' || char === ')' || char === '\\') out += `\\${char}`;
    else if (code < 0x7f) out += char;
    else out += `\\${code.toString(8)}`;
  }
  return `${out})`;
}

/*
 * pdfkit starts every page by turning its coordinates upside down, y growing down the page from
 * its top edge, and so do the operators here; text is turned back upright by its own matrix.
 */

/** Operators that set `text` with the top of its line at (x, top); inside BT … ET. */
export function textAt(text: string, x: number, top: number, size: number): string {
  return `1 0 0 -1 ${num(x)} ${num(top + ASCENT * size)} Tm ${pdfString(text)} Tj\n`;
}

/** A horizontal rule from x1 to x2 at y, its colour given by `rgb`. */
export function ruleAt(x1: number, x2: number, y: number, width: number, color: string): string {
  return `${num(width)} w ${color} RG ${num(x1)} ${num(y)} m ${num(x2)} ${num(y)} l S\n`;
}

/** A filled rectangle, its colour given by `rgb`. */
export function boxAt(x: number, top: number, width: number, height: number, color: string): string {
  return `${color} rg ${num(x)} ${num(top)} ${num(width)} ${num(height)} re f\n`;
}

/** The operand of `rg` (fill) or `RG` (stroke) for a `#rrggbb` colour. */
export function rgb(color: string): string {
  const channel = (i: number): string => String(Math.round((parseInt(color.slice(i, i + 2), 16) / 255) * 1000) / 1000);
  return `${channel(1)} ${channel(3)} ${channel(5)}`;
}

/** Helvetica's ascender, as pdfkit places text: the top of a line is this far above its baseline, per point of size. */
const ASCENT = 0.718;

/** A number as a content stream gives it: two decimals at most, never an exponent. */
export function num(n: number): string {
  return String(Math.round(n * 100) / 100);
}
