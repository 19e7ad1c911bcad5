import type { Content } from 'pdfmake/interfaces.js';
import type { ReportDocument } from '../document/report-document.js';
import { simpleTable } from './outage-table.js';
import { pdfText } from './win-ansi.js';

/** IP address changes and failovers, when there were any. */
export function eventsSection(doc: ReportDocument): Content[] {
  if (doc.events.length === 0) return [];
  const title = { text: `Address changes and failovers (${doc.events.length})`, style: 'tableTitle' };
  const table = simpleTable(title, ['Time', 'Event'], [76, '*'], doc.events.map((e) => [e.time, e.text]));
  return [{ stack: [table], margin: [0, 10, 0, 0] }];
}

/**
 * How the record was kept and what it was made from: the method, the clock, and every data
 * file's SHA-256 in `sha256sum` format, so anyone can check the files behind the report.
 */
export function evidenceSection(doc: ReportDocument): Content[] {
  const { clock, digest, method } = doc.evidence;
  const lines = digest.manifest.split('\n').filter((line) => line !== '');
  return [
    { text: 'How this record was kept', style: 'h1', pageBreak: 'before' },
    { ul: method.map((sentence) => ({ text: withCode(sentence), style: 'body' })), margin: [0, 0, 0, 6] },
    {
      unbreakable: true,
      stack: [
        { text: 'Clock', style: 'h2' },
        { text: [{ text: pdfText(clock.state), bold: true }, pdfText(` (${clock.source}), checked when this report was made.`)], style: 'body' },
      ],
    },
    {
      unbreakable: true,
      stack: [
        { text: 'Data files', style: 'h2' },
        { text: `${digest.files.length} file${digest.files.length === 1 ? '' : 's'}. The SHA-256 of the list below, which pins them all:`, style: 'body' },
        { text: digest.sha256, style: 'mono', fontSize: 9, bold: true, margin: [0, 0, 0, 8] },
      ],
    },
    { stack: lines.map((line) => ({ text: pdfText(line) })), style: 'mono', lineHeight: 1.25 },
    ...(lines.every((line) => pdfText(line) === line) ? [] : [UNDRAWN_NAMES]),
  ];
}

/** A `?` in a file name would make `sha256sum -c` fail on the copied line: say where the exact names are. */
const UNDRAWN_NAMES: Content = {
  text: 'A ? above stands for a character the PDF standard fonts cannot show; the JSON report (nom report --format json) gives every name exactly.',
  style: 'note',
  margin: [0, 8, 0, 0],
};

/** The document marks commands with backticks, as Markdown does; on paper they are set in Courier. */
function withCode(sentence: string): Content[] {
  return sentence.split('`').map((part, i) => (i % 2 === 1 ? { text: pdfText(part), font: 'Courier' } : { text: pdfText(part) }));
}
