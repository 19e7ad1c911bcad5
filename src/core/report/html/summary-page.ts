import type { Figure, ReportDocument, TargetSection } from '../document/report-document.js';
import { escapeMarkup as e } from './escape.js';

/**
 * Page 1, for a reader who reads nothing else: what the report covers, and for each target the
 * one sentence to take away in large type, the figures behind it and the contract's verdict.
 */
export function summaryPage(doc: ReportDocument): string[] {
  return [
    '<header>',
    `<h1>${e(doc.title)}</h1>`,
    `<p class="period">${e(doc.period)}</p>`,
    '</header>',
    ...doc.targets.flatMap(targetSummary),
    recordNote(doc),
  ];
}

export function targetHeading(t: TargetSection): string {
  return `${e(t.name)}${t.address ? ` <span class="address">(${e(t.address)})</span>` : ''}`;
}

function targetSummary(t: TargetSection): string[] {
  const lines = [
    `<section class="summary-target" aria-label="${e(`Summary for ${t.name}`)}">`,
    `<h2>${targetHeading(t)}</h2>`,
    `<p class="headline">${e(t.headline)}</p>`,
    figureList(t.figures),
  ];
  if (t.causes.length > 0) lines.push(`<p class="note">By cause: ${t.causes.map((c) => `${e(c.label)}: ${c.count} (${e(c.duration)})`).join(' · ')}</p>`);
  if (t.sla) lines.push(verdict(t.sla.summary, t.sla.met));
  lines.push('</section>');
  return lines;
}

/** The figures as cards: what it measures small, the value large. */
function figureList(figures: Figure[]): string {
  return `<dl class="figures">${figures.map((f) => `<div><dt>${e(f.label)}</dt><dd>${e(f.value)}</dd></div>`).join('')}</dl>`;
}

/** Whether the contract was kept is the first thing an ISP will dispute: said in words, its border coloured too. */
function verdict(summary: string, met: boolean | null): string {
  const [kind, word] = met === null ? ['unknown', 'not measured'] : met ? ['met', 'met'] : ['not-met', 'NOT met'];
  return `<p class="verdict ${kind}"><strong>Contract (SLA) ${word}.</strong>${e(summary)}</p>`;
}

/** How far the times and figures can be trusted, said where the reader starts. */
function recordNote(doc: ReportDocument): string {
  const { clock, digest } = doc.evidence;
  const clockWords =
    clock.state === 'synchronized'
      ? 'The computer clock was synchronized with internet time'
      : clock.state === 'not synchronized'
        ? '<strong>The computer clock was NOT synchronized with internet time: times may be off</strong>'
        : 'Whether the computer clock was synchronized could not be learned';
  const files = `${digest.files.length} data file${digest.files.length === 1 ? '' : 's'}`;
  return (
    `<p class="note record-note">${clockWords} when this report was made (${e(doc.generatedAt)}). ` +
    `It was made from ${files}, SHA-256 <span class="mono">${e(digest.sha256)}</span>; ` +
    `<a href="#evidence">the last section</a> says how the record was kept and lists each file.</p>`
  );
}
