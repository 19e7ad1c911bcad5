import pdfmake from 'pdfmake';
import type { TDocumentDefinitions, TFontDictionary } from 'pdfmake/interfaces.js';

/**
 * The standard PDF fonts, known to every PDF reader: nothing to ship or embed. pdfmake's Node
 * build resolves these names through pdfkit's built-in metrics.
 */
const STANDARD_FONTS: TFontDictionary = {
  Helvetica: { normal: 'Helvetica', bold: 'Helvetica-Bold', italics: 'Helvetica-Oblique', bolditalics: 'Helvetica-BoldOblique' },
  Courier: { normal: 'Courier', bold: 'Courier-Bold', italics: 'Courier-Oblique', bolditalics: 'Courier-BoldOblique' },
};

const FONT_NAMES = new Set(Object.values(STANDARD_FONTS).flatMap((f) => Object.values(f) as string[]));

/**
 * Lays out and writes a PDF in memory. pdfmake is one shared instance in Node, so its settings
 * are made again on each call rather than trusted from elsewhere: only the standard fonts, no
 * URL fetched and no file read — a report is made from its document alone, and a string in it
 * can never name a file for pdfmake to embed.
 */
export async function printPdf(definition: TDocumentDefinitions): Promise<Buffer> {
  pdfmake.setFonts(STANDARD_FONTS);
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy((path) => FONT_NAMES.has(path));
  return pdfmake.createPdf(definition).getBuffer();
}
