import type { DegradedRow } from '../document/report-document.js';
import { keepUnits } from './outage-table.js';
import type { PageFlow } from './page-flow.js';
import { CONTENT_WIDTH } from './pdf-engine.js';
import { rgb } from './raw-content.js';
import { TableWriter, type Column } from './table-writer.js';

const NOTE = 'The connection worked, but badly: these periods are not counted as downtime.';
/** What was measured is set in amber, so the table does not read as one more list of outages. */
const REASON_COLUMN = 3;
const AMBER = { column: REASON_COLUMN, rgb: rgb('#b06000') };

/** Start and end as wide as in the outage table, the duration wider for its notes; the two texts share the rest. */
const FIXED: Column[] = [
  { head: 'Start', width: 77 },
  { head: 'End', width: 78 },
  { head: 'Duration', width: 102 },
];
const TEXT_WIDTH = (CONTENT_WIDTH - FIXED.reduce((sum, c) => sum + c.width, 0)) / 2;
const COLUMNS: Column[] = [...FIXED, { head: 'What was measured', width: TEXT_WIDTH }, { head: 'Loss and round trip', width: TEXT_WIDTH }];

/** Every degraded period, one row each, none split across two pages; nothing when there were none. */
export function degradedTable(flow: PageFlow, rows: DegradedRow[]): void {
  if (rows.length === 0) return;
  const table = new TableWriter(flow, { title: `Degraded periods (${rows.length})`, note: NOTE, columns: COLUMNS });
  for (const r of rows) table.row([r.start, r.end, keepUnits(r.duration), r.reason, r.measured], AMBER);
  table.end();
}
