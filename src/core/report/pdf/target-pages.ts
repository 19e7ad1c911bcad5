import type { Content, TableCell } from 'pdfmake/interfaces.js';
import type { Figure, TargetSection } from '../document/report-document.js';
import { causeLegend, outageTable, TABLE_LAYOUT } from './outage-table.js';
import { pdfText } from './win-ansi.js';

/**
 * One target's evidence, from a fresh page: what its causes mean, the contract's terms, the
 * charts, then every outage, and apart from them the spans when only the watched address was
 * silent.
 */
export function targetPages(t: TargetSection, charts: Content[]): Content[] {
  const name = t.address ? `${t.name} (${t.address})` : t.name;
  const blocks: Content[] = [{ text: pdfText(name), style: 'h1', pageBreak: 'before' }];
  if (t.outages.length + t.targetOnly.length > 0) blocks.push(causeLegend([...t.outages, ...t.targetOnly]));
  if (t.sla) blocks.push({ stack: [{ text: 'Contract (SLA)', style: 'h2', margin: [0, 0, 0, 6] }, slaTerms(t.sla.figures)], unbreakable: true });
  blocks.push(...charts);
  if (t.outages.length === 0) blocks.push({ text: 'Outages', style: 'h2' }, { text: 'No outages in this period.', style: 'body' });
  else blocks.push(outageTable({ text: `Outages (${t.outages.length})`, style: 'tableTitle' }, t.outages));
  if (t.targetOnly.length > 0) {
    const title = {
      stack: [
        { text: `The watched address alone was silent (${t.targetOnly.length})`, style: 'tableTitle' },
        {
          text: 'A DNS server on the internet still answered during these spans, so the internet itself worked: they are not counted as downtime.',
          style: 'note',
        },
      ],
    };
    blocks.push(outageTable(title, t.targetOnly));
  }
  return blocks;
}

function slaTerms(figures: Figure[]): Content {
  const body: TableCell[][] = figures.map((f) => [pdfText(f.label), { text: pdfText(f.value), bold: true }]);
  return { style: 'body', table: { widths: [170, '*'], body }, layout: { ...TABLE_LAYOUT, fillColor: () => null, hLineWidth: () => 0, paddingTop: () => 1, paddingBottom: () => 1 } };
}
