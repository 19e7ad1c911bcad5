import type { OutageCause } from '../../../shared/events.js';
import type { OutageRow } from '../document/report-document.js';
import { CAUSE_SHORT, CAUSE_WORDS } from '../document/words.js';
import { STYLE, type PageFlow, type Run } from './page-flow.js';
import { CONTENT_WIDTH } from './pdf-engine.js';
import { rgb } from './raw-content.js';
import { TableWriter, type Column, type ColumnColor } from './table-writer.js';

/** A cause's colour in the table: the provider's outages stand out, our own network's too. */
const CAUSE_COLOR: Record<OutageCause, string> = {
  isp: '#b3261e',
  local: '#9a5b00',
  target: '#1a5fb4',
  unknown: '#3c4043',
};
const CAUSE_COLUMN = 3;
const CAUSE_MARK = Object.fromEntries(Object.entries(CAUSE_COLOR).map(([cause, color]) => [cause, { column: CAUSE_COLUMN, rgb: rgb(color) }])) as Record<
  OutageCause,
  ColumnColor
>;

/**
 * Column widths, padding included. A date and time, 69.6 pt at 7.5 pt, fits its column on one
 * line; what was seen when it began takes the rest of the page.
 */
const FIXED: Column[] = [
  { head: 'Start', width: 77 },
  { head: 'End', width: 78 },
  { head: 'Duration', width: 62 },
  { head: 'Cause', width: 50 },
  { head: 'When exactly', width: 102 },
];
const COLUMNS: Column[] = [...FIXED, { head: 'What was seen when it began', width: CONTENT_WIDTH - FIXED.reduce((sum, c) => sum + c.width, 0) }];

/** What each cause in the tables means, for the causes they hold. */
export function causeLegend(flow: PageFlow, tables: OutageRow[][]): void {
  const causes = (['isp', 'local', 'unknown', 'target'] as const).filter((c) => tables.some((rows) => rows.some((r) => r.cause === c)));
  for (const c of causes) {
    const line: Run[] = [{ text: `${CAUSE_SHORT[c]}: `, font: 'Helvetica-Bold', color: CAUSE_COLOR[c] }, { text: CAUSE_WORDS[c] }];
    flow.text(line, STYLE.note);
  }
}

/** Every outage, one row each, none split across two pages. */
export function outageTable(flow: PageFlow, title: string, rows: OutageRow[], note?: string): void {
  const table = new TableWriter(flow, note === undefined ? { title, columns: COLUMNS } : { title, note, columns: COLUMNS });
  const cells = ['', '', '', '', '', ''];
  for (const r of rows) {
    cells[0] = r.start;
    cells[1] = r.end;
    cells[2] = keepUnits(r.duration);
    cells[CAUSE_COLUMN] = CAUSE_SHORT[r.cause];
    cells[4] = r.uncertainty;
    cells[5] = r.evidence;
    table.row(cells, CAUSE_MARK[r.cause]);
  }
  table.end();
}

/** `1 h 54 min 42 s` may break between its parts, never between a number and its unit. */
export function keepUnits(duration: string): string {
  return duration.replace(/(\d) (?=\p{L})/gu, '$1\u00a0');
}
