import PDFDocument from 'pdfkit';

/** A4, in points. The side margins leave the charts' 510 pt at their own size. */
export const PAGE = { width: 595.28, height: 841.89 } as const;
export const MARGIN = { left: 42, top: 58, right: 42, bottom: 50 } as const;
export const CONTENT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;

export interface PdfInfo {
  title: string;
  subject: string;
  madeAt: Date;
}

export interface OpenPdf {
  pdf: PDFKit.PDFDocument;
  /** Ends the document and gives its bytes. */
  finish: () => Promise<Buffer>;
}

/**
 * A new A4 document, with no page yet, on the standard PDF fonts, known to every PDF reader:
 * nothing to ship or embed, and pdfkit reads no file but its own font metrics. Each page is
 * compressed and written out when the next begins; the output, a few megabytes for a year, is
 * gathered as it comes.
 */
export function openPdf(info: PdfInfo): OpenPdf {
  const pdf = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    autoFirstPage: false,
    font: 'Helvetica',
    info: { Title: info.title, Subject: info.subject, Creator: 'nom', Producer: 'nom', CreationDate: info.madeAt },
  });
  const chunks: Buffer[] = [];
  // A compressed page of a few kilobytes comes as a view of zlib's 16 KB output buffer: copied,
  // it keeps only its own bytes, not 16 KB for each of hundreds of pages.
  pdf.on('data', (chunk: Buffer) => chunks.push(Buffer.from(chunk)));
  const ended = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  return {
    pdf,
    finish: () => {
      pdf.end();
      return ended;
    },
  };
}
