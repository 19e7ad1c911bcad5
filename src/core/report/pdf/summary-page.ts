import type { Content, TableCell } from 'pdfmake/interfaces.js';
import type { Figure, ReportDocument, TargetSection } from '../document/report-document.js';
import { CONTENT_WIDTH, GREY } from './page-frame.js';
import { pdfText } from './win-ansi.js';

const FIGURES_PER_ROW = 4;

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
export function summaryPage(doc: ReportDocument): Content[] {
  return [
    { text: pdfText(doc.title), style: 'title' },
    { text: pdfText(doc.period), style: 'period' },
    ...doc.targets.flatMap(targetSummary),
    recordNote(doc),
  ];
}

function targetSummary(t: TargetSection): Content[] {
  const blocks: Content[] = [
    { text: pdfText(t.address ? `${t.name} (${t.address})` : t.name), style: 'target' },
    { text: pdfText(t.headline), style: 'headline' },
    figureGrid(t.figures),
  ];
  if (t.causes.length > 0) {
    const causes = t.causes.map((c) => `${c.label}: ${c.count} (${c.duration})`).join('   ·   ');
    blocks.push({ text: pdfText(`By cause: ${causes}`), style: 'body', margin: [0, 8, 0, 0] });
  }
  if (t.sla) blocks.push(verdictBox(t.sla.summary, t.sla.met));
  return [{ stack: blocks, unbreakable: true }];
}

/** The figures as a grid of cards: the value large, what it measures small beneath it. */
function figureGrid(figures: Figure[]): Content {
  const rows: TableCell[][] = [];
  for (let i = 0; i < figures.length; i += FIGURES_PER_ROW) {
    const row: TableCell[] = figures.slice(i, i + FIGURES_PER_ROW).map((f) => ({
      stack: [
        { text: pdfText(f.value), style: 'figureValue' },
        { text: pdfText(f.label), style: 'figureLabel' },
      ],
    }));
    while (row.length < FIGURES_PER_ROW) row.push({ text: '' });
    rows.push(row);
  }
  return {
    table: { widths: Array<string>(FIGURES_PER_ROW).fill('*'), body: rows },
    layout: {
      hLineWidth: () => 0,
      vLineWidth: (i) => (i === 0 || i === FIGURES_PER_ROW ? 0 : 0.5),
      vLineColor: () => '#dadce0',
      paddingLeft: (i) => (i === 0 ? 0 : 8),
      paddingTop: () => 4,
      paddingBottom: () => 4,
    },
  };
}

function verdictBox(summary: string, met: boolean | null): Content {
  const colors = met === null ? VERDICT.unknown : met ? VERDICT.met : VERDICT.notMet;
  return {
    margin: [0, 10, 0, 0],
    table: {
      widths: [CONTENT_WIDTH - 20],
      body: [[{ text: [{ text: 'Contract (SLA): ', bold: true }, pdfText(summary)], fontSize: 10.5, fillColor: colors.fill }]],
    },
    layout: {
      hLineWidth: () => 0,
      vLineWidth: (i) => (i === 0 ? 3 : 0),
      vLineColor: () => colors.border,
      paddingLeft: () => 10,
      paddingRight: () => 6,
      paddingTop: () => 7,
      paddingBottom: () => 7,
    },
  };
}

/**
 * How far the times and figures can be trusted, said where the reader starts; a clock that was
 * not kept in step is the first thing an ISP would point to, so that is said in red.
 */
function recordNote(doc: ReportDocument): Content {
  const { clock, digest } = doc.evidence;
  const clockWords: Content =
    clock.state === 'synchronized'
      ? 'The computer clock was synchronized with internet time when this report was made. '
      : clock.state === 'not synchronized'
        ? { text: 'The computer clock was NOT synchronized with internet time when this report was made: times may be off. ', bold: true, color: VERDICT.notMet.border }
        : 'Whether the computer clock was synchronized could not be learned when this report was made. ';
  const files = `${digest.files.length} data file${digest.files.length === 1 ? '' : 's'}`;
  return {
    margin: [0, 24, 0, 0],
    style: 'note',
    text: [clockWords, `It was made from ${files}, SHA-256 ${digest.sha256}; the last pages say how the record was kept and list each file.`],
  };
}
