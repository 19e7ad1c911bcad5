import type { ReportDocument } from '../document/report-document.js';
import { escapeMarkup as e } from './escape.js';

/** IP address changes and failovers, when there were any. */
export function eventsSection(doc: ReportDocument): string[] {
  if (doc.events.length === 0) return [];
  return [
    '<section class="page">',
    `<h2>Address changes and failovers (${doc.events.length})</h2>`,
    '<table class="events"><caption>Changes of the external address and moves between internet links, oldest first (local time)</caption>',
    '<thead><tr><th scope="col">Time</th><th scope="col">Event</th></tr></thead><tbody>',
    ...doc.events.map((ev) => `<tr><td>${e(ev.time)}</td><td>${e(ev.text)}</td></tr>`),
    '</tbody></table>',
    '</section>',
  ];
}

/**
 * How the record was kept and what it was made from: the method, the clock, and every data
 * file's SHA-256 in `sha256sum` format, so anyone can check the files behind the report.
 */
export function evidenceSection(doc: ReportDocument): string[] {
  const { clock, digest, method } = doc.evidence;
  const files = `${digest.files.length} file${digest.files.length === 1 ? '' : 's'}`;
  return [
    '<section class="page" id="evidence">',
    '<h2>How this record was kept</h2>',
    `<ul>${method.map((sentence) => `<li>${withCode(sentence)}</li>`).join('')}</ul>`,
    '<h3>Clock</h3>',
    `<p><strong>${e(clock.state)}</strong> (${e(clock.source)}), checked when this report was made.</p>`,
    '<h3>Data files</h3>',
    `<p>${files}. The SHA-256 of the list below, which pins them all:</p>`,
    `<p class="mono digest">${e(digest.sha256)}</p>`,
    `<pre class="manifest" aria-label="Data files in sha256sum format">${e(digest.manifest)}</pre>`,
    '</section>',
  ];
}

/** The document marks commands with backticks, as Markdown does. */
function withCode(sentence: string): string {
  return sentence
    .split('`')
    .map((part, i) => (i % 2 === 1 ? `<code>${e(part)}</code>` : e(part)))
    .join('');
}
