import type { ReportDocument } from '../document/report-document.js';
import { STYLE, type PageFlow, type Run, type TextStyle } from './page-flow.js';
import { CONTENT_WIDTH, MARGIN } from './pdf-engine.js';
import { TableWriter } from './table-writer.js';
import { pdfText } from './win-ansi.js';

const TIME_WIDTH = 82;

/** IP address changes and failovers, when there were any. */
export function eventsSection(flow: PageFlow, doc: ReportDocument): void {
  if (doc.events.length === 0) return;
  flow.space(10);
  const table = new TableWriter(flow, {
    title: `Address changes and failovers (${doc.events.length})`,
    columns: [
      { head: 'Time', width: TIME_WIDTH },
      { head: 'Event', width: CONTENT_WIDTH - TIME_WIDTH },
    ],
  });
  const cells = ['', ''];
  for (const e of doc.events) {
    cells[0] = e.time;
    cells[1] = e.text;
    table.row(cells);
  }
  table.end();
}

const BULLET_INDENT = 12;
const digestStyle: TextStyle = { ...STYLE.mono, font: 'Courier-Bold', size: 9 };

/**
 * How the record was kept and what it was made from: the method, the clock, and every data
 * file's SHA-256 in `sha256sum` format, so anyone can check the files behind the report.
 */
export function evidenceSection(flow: PageFlow, doc: ReportDocument): void {
  const { clock, digest, method } = doc.evidence;
  flow.newPage();
  flow.text('How this record was kept', STYLE.h1);
  flow.y += 8;
  for (const sentence of method) bullet(flow, withCode(sentence));

  heading(flow, 'Clock', flow.measure(clock.state, STYLE.body));
  flow.text([{ text: clock.state, font: 'Helvetica-Bold' }, { text: ` (${clock.source}), checked when this report was made.` }], STYLE.body);

  const count = `${digest.files.length} file${digest.files.length === 1 ? '' : 's'}. The SHA-256 of the list below, which pins them all:`;
  heading(flow, 'Data files', flow.measure(count, STYLE.body) + 6 + flow.measure(digest.sha256, digestStyle));
  flow.text(count, STYLE.body);
  flow.y += 6;
  flow.text(digest.sha256, digestStyle);
  flow.y += 8;
  const lines = digest.manifest.split('\n').filter((line) => line !== '');
  for (const line of lines) flow.text(line, STYLE.mono);
  if (!lines.every((line) => pdfText(line) === line)) {
    flow.y += 8;
    flow.text(UNDRAWN_NAMES, STYLE.note);
  }
}

/** A `?` in a file name would make `sha256sum -c` fail on the copied line: say where the exact names are. */
const UNDRAWN_NAMES =
  'A ? above stands for a character the PDF standard fonts cannot show; the JSON report (nom report --format json) gives every name exactly.';

/** A heading kept on the page with the first `following` points of what it heads. */
function heading(flow: PageFlow, text: string, following: number): void {
  flow.space(16);
  flow.keep(flow.measure(text, STYLE.h2) + 6 + following);
  flow.text(text, STYLE.h2);
  flow.y += 6;
}

function bullet(flow: PageFlow, runs: Run[]): void {
  const place = { x: MARGIN.left + BULLET_INDENT, width: CONTENT_WIDTH - BULLET_INDENT };
  flow.keep(flow.measure(runs, STYLE.body, place.width));
  flow.draw('•', STYLE.body, flow.y, { x: MARGIN.left + 2 });
  flow.y = flow.draw(runs, STYLE.body, flow.y, place) + 3;
}

/** The document marks commands with backticks, as Markdown does; on paper they are set in Courier. */
function withCode(sentence: string): Run[] {
  return sentence.split('`').map((part, i) => (i % 2 === 1 ? { text: part, font: 'Courier' } : { text: part }));
}
