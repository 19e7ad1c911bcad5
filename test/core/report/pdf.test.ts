import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { ReportDocument } from '../../../src/core/report/document/report-document.js';
import type { OutageCause } from '../../../src/shared/events.js';
import { makeReportDocument } from '../../../src/core/report/make-document.js';
import { renderPdf } from '../../../src/core/report/pdf/render-pdf.js';
import { namedZone } from '../../../src/core/time/zone.js';
import { SEED_LOGS, seedLogNames } from '../../support/fixtures.js';
import { tempDir } from '../../support/tmp.js';
import { octoberDocument, writeEvents, writeTarget, type OutageSpec } from './pdf-data.js';

/**
 * The PDF report, read back with poppler (pdfinfo, pdftotext, pdftoppm: the poppler-utils
 * package), as a reader's PDF viewer would: its pages, its words and where they stand, and
 * whether each page draws.
 */

const A4_WIDTH = 595.28;
const SIDE_MARGIN = 42;

interface Rendered {
  file: string;
  pages: number;
  info: Map<string, string>;
  /** The text of each page, whitespace collapsed to single spaces. */
  pageText: string[];
  text: string;
}

async function render(doc: ReportDocument): Promise<Rendered> {
  const pdf = await renderPdf(doc);
  assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
  const file = join(tempDir('nom-pdf-'), 'report.pdf');
  writeFileSync(file, pdf);
  const info = new Map(
    execFileSync('pdfinfo', ['-isodates', file], { encoding: 'utf8' })
      .split('\n')
      .map((line) => /^([^:]+):\s*(.*)$/.exec(line))
      .filter((m) => m !== null)
      .map((m) => [m[1]!, m[2]!]),
  );
  const pageText = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' })
    .split('\f')
    .slice(0, -1)
    .map(words);
  return { file, pages: Number(info.get('Pages')), info, pageText, text: pageText.join(' ') };
}

function words(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Every page drawn as a picture, as a viewer or a printer would. */
function assertEveryPageDraws(r: Rendered): void {
  const dir = tempDir('nom-pdf-png-');
  execFileSync('pdftoppm', ['-png', '-r', '60', r.file, join(dir, 'page')], { stdio: ['ignore', 'ignore', 'pipe'] });
  assert.equal(readdirSync(dir).filter((n) => n.endsWith('.png')).length, r.pages);
}

/** The footer numbers the pages "Page X of Y" with Y the real count, so a missing page shows. */
function assertPageNumbers(r: Rendered): void {
  assert.equal(r.pageText.length, r.pages);
  r.pageText.forEach((text, i) => assert.ok(text.includes(`Page ${i + 1} of ${r.pages}`), `page ${i + 1}: ${text.slice(-80)}`));
}

/** No word stands outside the side margins: nothing ran off the page or over the edge of its column. */
function assertWithinMargins(r: Rendered): void {
  const html = execFileSync('pdftotext', ['-bbox', r.file, '-'], { encoding: 'utf8' });
  for (const m of html.matchAll(/<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<\/word>/g)) {
    assert.ok(Number(m[1]) >= SIDE_MARGIN - 0.5 && Number(m[2]) <= A4_WIDTH - SIDE_MARGIN + 0.5, `"${m[3]}" at ${m[1]}–${m[2]}`);
  }
}

const CAUSES = ['isp', 'local', 'unknown', 'target'] as const;

function outages(n: number, every: number, seconds: number, causes: readonly OutageCause[] = CAUSES): OutageSpec[] {
  return Array.from({ length: n }, (_, i) => ({ at: 3600 + i * every, seconds, cause: causes[i % causes.length]! }));
}

describe('the PDF report', () => {
  it('says it all on page 1, then charts, outages with their evidence, events, and the files it was made from', async () => {
    const root = tempDir();
    writeTarget(root, 'internet', outages(12, 2 * 86_400, 300), 86_400);
    writeEvents(root);
    const doc = await octoberDocument(root, { target: 0.999, hours: 'all', minOutageSeconds: 60 });
    const r = await render(doc);
    const [target] = doc.targets;

    assert.equal(r.info.get('Title'), doc.title);
    assert.equal(r.info.get('Producer'), 'nom');
    assert.equal(r.info.get('Creator'), 'nom');
    assert.equal(r.info.get('CreationDate'), '2025-11-01T08:00:00Z');
    assert.match(r.info.get('Page size')!, /A4/);
    assertPageNumbers(r);
    assertEveryPageDraws(r);
    assertWithinMargins(r);

    const first = r.pageText[0]!;
    assert.ok(first.includes(words(target!.headline)), first);
    assert.ok(first.includes('NOT met: 99.'), 'the SLA verdict is on page 1');
    assert.ok(first.includes(doc.evidence.digest.sha256), 'page 1 gives the digest');
    assert.equal(first.split(doc.title).length, 2, 'no running header on page 1, only the title');
    assert.ok(r.pageText[1]!.startsWith(`${doc.title} ${doc.period}`), 'the running header from page 2');
    assert.ok(r.text.includes('Downtime per day'), 'the daily chart');
    assert.ok(r.text.includes('Not monitored'), 'unmonitored time is shown as such');

    for (const o of [...target!.outages, ...target!.targetOnly]) {
      assert.ok(r.text.includes(`${o.start} ${o.end}`), o.start);
      assert.ok(r.text.includes(words(o.uncertainty)), o.uncertainty);
    }
    assert.ok(r.text.includes('router 192.168.1.1: answered in 0.6 ms'), 'gateway evidence');
    assert.ok(r.text.includes('DNS 9.9.9.9 for example.com: answered'), 'DNS evidence');
    assert.ok(r.text.includes('8.8.8.8: no answer'), 'addping evidence');
    assert.ok(r.text.includes(`The watched address alone was silent (${target!.targetOnly.length})`));
    assert.ok(r.text.includes('External ipv4 address changed from 198.51.100.4 to 198.51.100.77'));
    assert.ok(r.text.includes('Traffic moved to the standby link'));

    const last = r.pageText.at(-1)!;
    assert.ok(last.includes('synchronized (fixed for the tests)'), 'the clock');
    assert.ok(last.includes(doc.evidence.digest.sha256));
    const laidOut = execFileSync('pdftotext', ['-layout', '-f', String(r.pages), r.file, '-'], { encoding: 'utf8' });
    for (const line of doc.evidence.digest.manifest.trim().split('\n')) {
      const [hash, path] = line.split('  ');
      assert.match(laidOut, new RegExp(`^ *${hash} +${path!.replace(/\./g, '\\.')}$`, 'm'), line);
    }
    assert.ok(!last.includes('A ? above'), 'every file name is shown as it is');
  });

  it('is three pages for a quiet month: the summary, the target, the evidence', async () => {
    const root = tempDir();
    writeTarget(root, 'internet', []);
    const doc = await octoberDocument(root);
    const r = await render(doc);
    assert.equal(r.pages, 3);
    assertPageNumbers(r);
    assert.ok(r.pageText[0]!.includes('Your connection did not go down in October 2025.'));
    assert.ok(r.pageText[1]!.includes('No outages in this period.'));
    assert.ok(r.pageText[2]!.startsWith(`${doc.title} ${doc.period} How this record was kept`));
  });

  it('repeats the table title and column heads on every page of a long table', async () => {
    const root = tempDir();
    writeTarget(root, 'internet', outages(300, 8000, 60, ['isp']));
    const doc = await octoberDocument(root);
    const r = await render(doc);
    const pagesWithRows = r.pageText.filter((text) => /\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \d{4}-/.test(text));
    assert.ok(pagesWithRows.length >= 10, `${pagesWithRows.length} pages of outages`);
    for (const text of pagesWithRows) {
      assert.ok(text.includes('Outages (300) Start End Duration Cause When exactly What was seen when it began'), text.slice(0, 200));
    }
    for (const o of doc.targets[0]!.outages) assert.ok(r.text.includes(`${o.start} ${o.end}`), o.start);
    assertPageNumbers(r);
  });

  it('keeps hostile and foreign target names in their place', async () => {
    const root = tempDir();
    const names = ['<b>bold', 'Kjøkken', 'x'.repeat(200), 'Łódź 日本 Ω', `${'a very long name with spaces '.repeat(6)}end`];
    for (const name of names) writeTarget(root, name, outages(2, 86_400, 90));
    const doc = await octoberDocument(root);
    const r = await render(doc);
    assertPageNumbers(r);
    assertEveryPageDraws(r);
    assertWithinMargins(r);
    assert.ok(r.text.includes('<b>bold (203.0.113.10)'));
    assert.ok(r.text.includes('Kjøkken (203.0.113.10)'), 'ø survives');
    assert.ok(r.text.includes('Lódz ?? ? (203.0.113.10)'), 'beyond WinAnsi: the base letter, or ?');
    assert.ok(r.text.includes('A ? above stands for a character'), 'the file list says where the exact names are');
    for (const t of doc.targets) assert.ok(r.text.includes(words(t.headline)), t.name);
  });

  for (const fixture of seedLogNames()) {
    it(`renders the seed fixture ${fixture}`, async () => {
      const clock = { state: 'unknown', source: 'not asked in tests' } as const;
      const { document } = await makeReportDocument({ dataDir: join(SEED_LOGS, fixture), range: {}, zone: namedZone('UTC'), now: 1_761_955_200, clock });
      const r = await render(document);
      assertPageNumbers(r);
      assertEveryPageDraws(r);
      assert.ok(r.pageText[0]!.includes(words(document.targets[0]!.headline)));
      assert.ok(r.pageText[0]!.includes('Whether the computer clock was synchronized could not be learned'));
      for (const o of document.targets[0]!.outages) assert.ok(r.text.includes(`${o.start} ${o.end}`), o.start);
      assert.ok(r.text.includes(document.evidence.digest.sha256));
    });
  }
});
