import { DateTime } from 'luxon';
import type { Content, StyleDictionary, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import type { ReportDocument } from '../document/report-document.js';
import { pdfText } from './win-ansi.js';

/** A4, in points: 595 × 842. The side margins leave the charts' 510 pt at their own size. */
const MARGIN = { left: 42, top: 58, right: 42, bottom: 50 } as const;
export const CONTENT_WIDTH = 595.28 - MARGIN.left - MARGIN.right;

export const GREY = '#5f6368';
const RULE = '#c8cbd0';

const STYLES: StyleDictionary = {
  title: { fontSize: 22, bold: true, margin: [0, 0, 0, 6] },
  period: { fontSize: 11, color: GREY },
  target: { fontSize: 13, bold: true, margin: [0, 18, 0, 4] },
  headline: { fontSize: 15, lineHeight: 1.15, margin: [0, 0, 0, 10] },
  h1: { fontSize: 16, bold: true, margin: [0, 0, 0, 8] },
  h2: { fontSize: 12, bold: true, margin: [0, 16, 0, 6] },
  body: { fontSize: 9.5, lineHeight: 1.2, margin: [0, 0, 0, 6] },
  note: { fontSize: 8, color: GREY, lineHeight: 1.15 },
  figureValue: { fontSize: 13, bold: true },
  figureLabel: { fontSize: 7.5, color: GREY },
  tableTitle: { fontSize: 12, bold: true, lineHeight: 1.2 },
  tableHead: { fontSize: 7.5, bold: true },
  mono: { font: 'Courier', fontSize: 7 },
};

/**
 * The page around the content: A4, the title and period at the top of every page after the
 * first (a loose page still says what it belongs to), "Page X of Y" at the foot (a missing page
 * shows), and the file's metadata.
 */
export function pageFrame(doc: ReportDocument, content: Content[]): TDocumentDefinitions {
  return {
    pageSize: 'A4',
    pageMargins: [MARGIN.left, MARGIN.top, MARGIN.right, MARGIN.bottom],
    info: { title: doc.title, subject: doc.period, creator: 'nom', producer: 'nom', creationDate: madeAt(doc) },
    defaultStyle: { font: 'Helvetica', fontSize: 9.5 },
    styles: STYLES,
    header: (page) => (page === 1 ? null : header(doc)),
    footer: (page, pages) => ({
      columns: [
        { text: pdfText(`Made ${doc.generatedAt} by nom`), style: 'note' },
        { text: `Page ${page} of ${pages}`, style: 'note', alignment: 'right' },
      ],
      margin: [MARGIN.left, 18, MARGIN.right, 0],
    }),
    content,
  };
}

function header(doc: ReportDocument): Content {
  return {
    margin: [MARGIN.left, 22, MARGIN.right, 0],
    stack: [
      {
        columns: [
          { text: pdfText(doc.title), style: 'note', bold: true, width: '*' },
          { text: pdfText(doc.period), style: 'note', alignment: 'right', width: 'auto' },
        ],
        columnGap: 12,
      },
      { canvas: [{ type: 'line', x1: 0, y1: 4, x2: CONTENT_WIDTH, y2: 4, lineWidth: 0.5, lineColor: RULE }] },
    ],
  };
}

/** The document says when it was made in words; the PDF's metadata wants the instant. */
function madeAt(doc: ReportDocument): Date {
  const at = DateTime.fromFormat(doc.generatedAt, 'yyyy-MM-dd HH:mm:ss ZZ', { setZone: true });
  if (!at.isValid) throw new Error(`report generatedAt is not "yyyy-MM-dd HH:mm:ss ZZ": ${doc.generatedAt}`);
  return at.toJSDate();
}
