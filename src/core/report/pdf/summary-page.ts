import type { Figure, ReportDocument, TargetSection } from '../document/report-document.js';
import { GREY, STYLE, type PageFlow, type Run } from './page-flow.js';
import { CONTENT_WIDTH, MARGIN } from './pdf-engine.js';

const FIGURES_PER_ROW = 5;
const CARD = { gap: 8, padY: 4, rule: '#dadce0' } as const;
const GAP = { target: 14, name: 4, headline: 6, causes: 6, sla: 10, note: 16 } as const;

/** Green, red or grey: whether the contract was kept is the first thing an ISP will dispute. */
const VERDICT = {
  met: { fill: '#e6f4ea', border: '#1e8e3e' },
  notMet: { fill: '#fce8e6', border: '#c5221f' },
  unknown: { fill: '#f1f3f4', border: GREY },
} as const;

/**
 * Page 1, for a reader who reads nothing else: what the report covers, and for each target the
 * one sentence to take away, the figures behind it and the contract's verdict.
 */
export function summaryPage(flow: PageFlow, doc: ReportDocument): void {
  flow.text(doc.title, STYLE.title);
  flow.y += 6;
  flow.text(doc.period, STYLE.period);
  for (const t of doc.targets) targetSummary(flow, t);
  flow.space(GAP.note);
  flow.text(recordNote(doc), STYLE.note);
}

/** One target's summary, kept on one page. */
function targetSummary(flow: PageFlow, t: TargetSection): void {
  const name = t.address ? `${t.name} (${t.address})` : t.name;
  const causes = t.causes.map((c) => `${c.label}: ${c.count} (${c.duration})`).join('  ·  ');
  const height =
    flow.measure(name, STYLE.target) +
    GAP.name +
    flow.measure(t.headline, STYLE.headline) +
    GAP.headline +
    figureGridHeight(flow, t.figures) +
    (causes === '' ? 0 : GAP.causes + flow.measure(`By cause: ${causes}`, STYLE.body)) +
    (t.sla ? GAP.sla + verdictHeight(flow, t.sla.summary) : 0);
  flow.space(GAP.target);
  flow.keep(height);
  flow.text(name, STYLE.target);
  flow.y += GAP.name;
  flow.text(t.headline, STYLE.headline);
  flow.y += GAP.headline;
  figureGrid(flow, t.figures);
  if (causes !== '') {
    flow.y += GAP.causes;
    flow.text(`By cause: ${causes}`, STYLE.body);
  }
  if (t.sla) {
    flow.y += GAP.sla;
    verdictBox(flow, t.sla.summary, t.sla.met);
  }
}

const cardWidth = CONTENT_WIDTH / FIGURES_PER_ROW;
const cardText = (column: number): { x: number; width: number } => {
  const inset = column === 0 ? 0 : CARD.gap;
  return { x: MARGIN.left + column * cardWidth + inset, width: cardWidth - inset - CARD.gap / 2 };
};

function figureRows(figures: Figure[]): Figure[][] {
  const rows: Figure[][] = [];
  for (let i = 0; i < figures.length; i += FIGURES_PER_ROW) rows.push(figures.slice(i, i + FIGURES_PER_ROW));
  return rows;
}

function cardHeight(flow: PageFlow, f: Figure, column: number): number {
  const { width } = cardText(column);
  return flow.measure(f.value, STYLE.figureValue, width) + flow.measure(f.label, STYLE.figureLabel, width);
}

function rowHeight(flow: PageFlow, row: Figure[]): number {
  return 2 * CARD.padY + Math.max(...row.map((f, i) => cardHeight(flow, f, i)));
}

function figureGridHeight(flow: PageFlow, figures: Figure[]): number {
  return figureRows(figures).reduce((sum, row) => sum + rowHeight(flow, row), 0);
}

/** The figures as a grid of cards: the value large, what it measures small beneath it, a light rule between cards. */
function figureGrid(flow: PageFlow, figures: Figure[]): void {
  for (const row of figureRows(figures)) {
    const height = rowHeight(flow, row);
    flow.keep(height);
    const top = flow.y;
    row.forEach((f, i) => {
      const place = cardText(i);
      const below = flow.draw(f.value, STYLE.figureValue, top + CARD.padY, place);
      flow.draw(f.label, STYLE.figureLabel, below, place);
    });
    for (let i = 1; i < FIGURES_PER_ROW; i++) {
      const x = MARGIN.left + i * cardWidth;
      flow.pdf.moveTo(x, top).lineTo(x, top + height).lineWidth(0.5).strokeColor(CARD.rule).stroke();
    }
    flow.y = top + height;
  }
}

const BOX = { left: 10, right: 6, padY: 7, border: 3, size: 10.5 } as const;
const verdictStyle = { ...STYLE.body, size: BOX.size };
const verdictWidth = CONTENT_WIDTH - 20 - BOX.border - BOX.left - BOX.right;

function verdictRuns(summary: string): Run[] {
  return [{ text: 'Contract (SLA): ', font: 'Helvetica-Bold' }, { text: summary }];
}

function verdictHeight(flow: PageFlow, summary: string): number {
  return flow.measure(verdictRuns(summary), verdictStyle, verdictWidth) + 2 * BOX.padY;
}

/** The contract's verdict in a tinted box with a coloured bar at its left. */
function verdictBox(flow: PageFlow, summary: string, met: boolean | null): void {
  const colors = met === null ? VERDICT.unknown : met ? VERDICT.met : VERDICT.notMet;
  const height = verdictHeight(flow, summary);
  flow.keep(height);
  const top = flow.y;
  flow.pdf.rect(MARGIN.left, top, CONTENT_WIDTH - 20, height).fill(colors.fill);
  flow.pdf.rect(MARGIN.left, top, BOX.border, height).fill(colors.border);
  flow.draw(verdictRuns(summary), verdictStyle, top + BOX.padY, { x: MARGIN.left + BOX.border + BOX.left, width: verdictWidth });
  flow.y = top + height;
}

/**
 * How far the times and figures can be trusted, said where the reader starts; a clock that was
 * not kept in step is the first thing an ISP would point to, so that is said in red.
 */
function recordNote(doc: ReportDocument): Run[] {
  const { clock, digest } = doc.evidence;
  const clockWords: Run =
    clock.state === 'synchronized'
      ? { text: 'The computer clock was synchronized with internet time when this report was made. ' }
      : clock.state === 'not synchronized'
        ? { text: 'The computer clock was NOT synchronized with internet time when this report was made: times may be off. ', font: 'Helvetica-Bold', color: VERDICT.notMet.border }
        : { text: 'Whether the computer clock was synchronized could not be learned when this report was made. ' };
  const files = `${digest.files.length} data file${digest.files.length === 1 ? '' : 's'}`;
  return [clockWords, { text: `It was made from ${files}, SHA-256 ${digest.sha256}; the last pages say how the record was kept and list each file.` }];
}
