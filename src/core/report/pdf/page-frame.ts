import type { ReportDocument } from '../document/report-document.js';
import { helveticaWidth } from './helvetica-metrics.js';
import { GREY, RULE } from './page-flow.js';
import { CONTENT_WIDTH, MARGIN, PAGE } from './pdf-engine.js';
import { num, RAW_FONT, rgb, ruleAt, textAt, useRawFonts, type RawFonts } from './raw-content.js';
import { pdfText } from './win-ansi.js';

const SIZE = 8;
const HEADER_TOP = 22;
const FOOTER_TOP = PAGE.height - 32;
const GAP = 12;
const RIGHT = MARGIN.left + CONTENT_WIDTH;
/** The resource name of the page count. */
const COUNT = 'NomPageCount';

/**
 * The frame around every page: the title and period at the top of every page after the first
 * (a loose page still says what it belongs to), and "Page X of Y" at the foot (a missing page
 * shows). Each page is written out as soon as the next begins, so that a year's report never
 * holds all its pages in memory: Y, not known until the end, is a small form that every page
 * refers to and that is written last.
 */
export class PageFrame {
  private pages = 0;
  private readonly count: PDFKit.PDFKitReference;
  private readonly header: string;
  private readonly made: string;

  constructor(
    private readonly pdf: PDFKit.PDFDocument,
    doc: ReportDocument,
    private readonly fonts: RawFonts,
  ) {
    const period = pdfText(doc.period);
    const periodWidth = helveticaWidth(period, SIZE);
    const title = fitted(pdf, pdfText(doc.title), CONTENT_WIDTH - periodWidth - GAP);
    const ruleY = HEADER_TOP + SIZE * 1.156 + 4;
    this.header =
      `q BT ${rgb(GREY)} rg /${RAW_FONT.bold} ${SIZE} Tf ${textAt(title, MARGIN.left, HEADER_TOP, SIZE)}` +
      `/${RAW_FONT.regular} ${SIZE} Tf ${textAt(period, RIGHT - periodWidth, HEADER_TOP, SIZE)}ET ${ruleAt(MARGIN.left, RIGHT, ruleY, 0.5, rgb(RULE))}Q\n`;
    const made = pdfText(`Made ${doc.generatedAt} by nom`);
    this.made = textAt(made, RIGHT - helveticaWidth(made, SIZE), FOOTER_TOP, SIZE);
    this.count = pdf.ref({
      Type: 'XObject',
      Subtype: 'Form',
      BBox: [0, -SIZE, CONTENT_WIDTH, 2 * SIZE],
      Resources: { Font: { [RAW_FONT.regular]: fonts[RAW_FONT.regular] } },
    });
    pdf.on('pageAdded', () => this.frame());
  }

  /** Writes the page count, now that it is known. */
  numberPages(): void {
    this.count.end(`BT ${rgb(GREY)} rg /${RAW_FONT.regular} ${SIZE} Tf (${this.pages}) Tj ET`);
  }

  private frame(): void {
    this.pages++;
    useRawFonts(this.pdf, this.fonts);
    (this.pdf.page.xobjects as Record<string, PDFKit.PDFKitReference>)[COUNT] = this.count;
    if (this.pages > 1) this.pdf.addContent(this.header);
    const page = `Page ${this.pages} of `;
    const countAt = `1 0 0 -1 ${num(MARGIN.left + helveticaWidth(page, SIZE))} ${num(FOOTER_TOP + 0.718 * SIZE)} cm`;
    this.pdf.addContent(`q BT ${rgb(GREY)} rg /${RAW_FONT.regular} ${SIZE} Tf ${textAt(page, MARGIN.left, FOOTER_TOP, SIZE)}${this.made}ET ${countAt} /${COUNT} Do Q`);
  }
}

/** The text, shortened with an ellipsis to `width` in bold, measured once, by pdfkit, before any page is drawn. */
function fitted(pdf: PDFKit.PDFDocument, text: string, width: number): string {
  pdf.font('Helvetica-Bold').fontSize(SIZE);
  if (pdf.widthOfString(text) <= width) return text;
  let shorter = text;
  while (shorter.length > 0 && pdf.widthOfString(`${shorter}…`) > width) shorter = shorter.slice(0, -1);
  return `${shorter.trimEnd()}…`;
}

/** The PDF's metadata wants the instant, which the document carries beside its words. */
export function madeAt(doc: ReportDocument): Date {
  return new Date(doc.generatedAtUnix * 1000);
}
