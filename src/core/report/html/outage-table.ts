import type { OutageCause } from '../../../shared/events.js';
import type { OutageRow } from '../document/report-document.js';
import { CAUSE_SHORT, CAUSE_WORDS } from '../document/words.js';
import type { LineBuffer } from '../text-sink.js';
import { escapeMarkup as e } from './escape.js';

const CAUSES: readonly OutageCause[] = ['isp', 'local', 'unknown', 'target'];

/** What each cause in the table means, for the causes it holds: the table itself says it in two words. */
export function causeLegend(rows: OutageRow[]): string {
  const items = CAUSES.filter((c) => rows.some((r) => r.cause === c)).map((c) => `<li><span class="cause-${c}">${e(CAUSE_SHORT[c])}</span>: ${e(CAUSE_WORDS[c])}</li>`);
  return `<ul class="legend">${items.join('')}</ul>`;
}

/**
 * Every outage, one plain row each, streamed: ten thousand rows must neither pile up in memory
 * nor slow a browser down with anything but a table.
 */
export async function writeOutageTable(caption: string, rows: OutageRow[], out: LineBuffer): Promise<void> {
  await out.push(
    '<table class="outages">',
    `<caption>${e(caption)}</caption>`,
    '<thead><tr><th scope="col">Start</th><th scope="col">End</th><th scope="col">Duration</th><th scope="col">Cause</th><th scope="col">When exactly</th><th scope="col">What was seen when it began</th></tr></thead>',
    '<tbody>',
  );
  for (const r of rows) {
    await out.push(
      `<tr><td>${e(r.start)}</td><td>${e(r.end)}</td><td>${e(r.duration)}</td><td class="cause-${r.cause}">${e(CAUSE_SHORT[r.cause])}</td><td>${e(r.uncertainty)}</td><td>${e(r.evidence)}</td></tr>`,
    );
  }
  await out.push('</tbody>', '</table>');
}
