import type { DegradedRow } from '../document/report-document.js';
import { escapeMarkup as e } from './escape.js';

/** The degraded periods, in amber apart from the outages' table: they are not downtime, and must not read as it. */
export function degradedTable(name: string, rows: DegradedRow[]): string[] {
  if (rows.length === 0) return [];
  return [
    `<div class="table-title"><h3>Degraded periods (${rows.length})</h3>`,
    '<p class="note">The connection worked, but badly: these periods are not counted as downtime.</p></div>',
    '<table class="degraded">',
    `<caption>${e(`Every degraded period of ${name}, oldest first (local time)`)}</caption>`,
    '<thead><tr><th scope="col">Start</th><th scope="col">End</th><th scope="col">Duration</th><th scope="col">What was measured</th><th scope="col">Loss and round trip</th></tr></thead>',
    '<tbody>',
    ...rows.map((r) => `<tr><td>${e(r.start)}</td><td>${e(r.end)}</td><td>${e(r.duration)}</td><td>${e(r.reason)}</td><td>${e(r.measured)}</td></tr>`),
    '</tbody>',
    '</table>',
  ];
}
