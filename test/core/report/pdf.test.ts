import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { ReportDocument } from '../../../src/core/report/document/report-document.js';
import type { OutageCause } from '../../../src/shared/events.js';
import { makeReportDocument } from '../../../src/core/report/make-document.js';
import { openPdf } from '../../../src/core/report/pdf/pdf-engine.js';
import { renderPdf } from '../../../src/core/report/pdf/render-pdf.js';
import { drawSvg } from '../../../src/core/report/pdf/svg-draw.js';
import { namedZone } from '../../../src/core/time/zone.js';
import { SEED_LOGS, seedLogNames } from '../../support/fixtures.js';
import { tempDir } from '../../support/tmp.js';
import { octoberDocument, writeEvents, writeTarget, type OutageSpec } from './pdf-data.js';

/**
 * The PDF report, read back with poppler (pdfinfo, pdftotext, pdftoppm: the poppler-utils
 * package), as a reader's PDF viewer would: its pages, its words and where they stand, and
 * whether each page draws.
 */

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = { side: 42, top: 58, bottom: 50 };
/** The running header stands above the top margin, the page number below the bottom one. */
const HEADER_BOTTOM = 40;
const FOOTER_TOP = A4.height - 40;

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

/**
 * No word stands outside the margins but the header's and the page number's: nothing ran off
 * the page, over the edge of its column, or past the foot of the page into the footer.
 */
function assertWithinMargins(r: Rendered): void {
  const html = execFileSync('pdftotext', ['-bbox', r.file, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 });
  for (const m of html.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)) {
    const [xMin, yMin, xMax, yMax] = [m[1], m[2], m[3], m[4]].map(Number) as [number, number, number, number];
    const where = `"${m[5]}" at x ${xMin}–${xMax}, y ${yMin}–${yMax}`;
    assert.ok(xMin >= MARGIN.side - 0.5 && xMax <= A4.width - MARGIN.side + 0.5, where);
    const inBody = yMin >= MARGIN.top - 0.5 && yMax <= A4.height - MARGIN.bottom + 0.5;
    assert.ok(inBody || yMax <= HEADER_BOTTOM || yMin >= FOOTER_TOP, where);
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
    assert.ok(r.text.includes('router 192.0.2.1: answered in 0.6 ms'), 'gateway evidence');
    assert.ok(r.text.includes('DNS 203.0.113.53 for example.com: answered'), 'DNS evidence');
    assert.ok(r.text.includes('203.0.113.20: no answer'), 'addping evidence');
    assert.ok(r.text.includes(`The watched address alone was silent (${target!.targetOnly.length})`));
    assert.ok(r.text.includes('External ipv4 address changed from 198.51.100.4 to 198.51.100.77'));
    assert.ok(r.text.includes('Traffic moved to the standby link (primary down, standby up)'));

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

  it('repeats the table title and column heads on every page of a long table, and splits no row', async () => {
    const root = tempDir();
    writeTarget(root, 'internet', outages(300, 8000, 60, ['isp']));
    const doc = await octoberDocument(root);
    const r = await render(doc);
    const pagesWithRows = r.pageText.filter((text) => /\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \d{4}-/.test(text));
    assert.ok(pagesWithRows.length >= 10, `${pagesWithRows.length} pages of outages`);
    for (const text of pagesWithRows) {
      assert.ok(text.includes('Outages (300) Start End Duration Cause When exactly What was seen when it began'), text.slice(0, 200));
    }
    for (const o of doc.targets[0]!.outages) {
      const page = r.pageText.find((text) => text.includes(`${o.start} ${o.end}`));
      assert.ok(page?.includes(words(o.uncertainty)) && page.includes(words(o.evidence)), `${o.start}: the whole row on one page`);
    }
    assertPageNumbers(r);
    assertWithinMargins(r);
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

describe('chart SVG in the PDF', () => {
  /** One page with `svg` drawn at (100, 100) at its own size, read back as text and as the colour of each pixel at 72 dpi. */
  async function drawn(svg: string): Promise<{ text: string; pixel: (x: number, y: number) => string }> {
    const { pdf, finish } = openPdf({ title: 't', subject: 's', madeAt: new Date(0) });
    pdf.addPage();
    pdf.translate(100, 100);
    drawSvg(pdf, svg);
    const file = join(tempDir('nom-svg-'), 'chart.pdf');
    writeFileSync(file, await finish());
    const ppm = execFileSync('pdftoppm', ['-r', '72', file], { maxBuffer: 8 << 20 });
    const [header, width] = /^P6\s+(\d+)\s+\d+\s+255\s/.exec(ppm.toString('latin1', 0, 20))!;
    const pixel = (x: number, y: number): string => {
      const at = header.length + 3 * (Math.round(y) * Number(width) + Math.round(x));
      return `#${ppm.subarray(at, at + 3).toString('hex')}`;
    };
    return { text: words(execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' })), pixel };
  }

  const SVG = (body: string): string => `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100"><title>Chart title</title><desc>What it shows &amp; how</desc>${body}</svg>`;

  it('draws what vega writes: moved groups, filled paths, lines, and labels as text', async () => {
    const { text, pixel } = await drawn(
      SVG(
        '<rect width="200" height="100" fill="white"/>' +
          '<g transform="translate(10,20)"><path d="M0,0h40v50h-40Z" fill="#a50f15"/><path d="M50,0L90,0L90,50Z" fill="#5e9fd0" opacity="1"/></g>' +
          '<line transform="translate(0,90)" x2="200" y2="0" stroke="#222222" stroke-width="2"/>' +
          '<text text-anchor="middle" transform="translate(100,85)" font-size="11px" fill="#222222">Mon &amp; Tue</text>' +
          '<text transform="translate(5,50) rotate(-90)" font-size="11px" font-weight="bold" fill="#222222">Downtime</text>',
      ),
    );
    assert.equal(pixel(100 + 30, 100 + 45), '#a50f15', 'the bar, moved by its group');
    assert.equal(pixel(100 + 10 + 85, 100 + 20 + 10), '#5e9fd0', 'the triangle');
    assert.equal(pixel(100 + 10 + 60, 100 + 20 + 45), '#ffffff', 'outside the triangle');
    assert.equal(pixel(100 + 150, 100 + 90), '#222222', 'the line');
    assert.ok(text.includes('Mon & Tue'), text);
    assert.ok(text.includes('Downtime'), text);
    assert.ok(!text.includes('Chart title') && !text.includes('What it shows'), 'no title or description on paper');
  });

  it('leaves out what is hidden: display none, opacity 0, empty paths', async () => {
    const { text, pixel } = await drawn(
      SVG(
        '<g display="none"><text>hidden group</text><path d="M0,0h50v50h-50Z" fill="#a50f15"/></g>' +
          '<text opacity="0">transparent label</text><path d="" display="none"/><path d=""/>' +
          '<text transform="translate(0,60)">shown label</text>',
      ),
    );
    assert.equal(text, 'shown label');
    assert.equal(pixel(100 + 25, 100 + 25), '#ffffff');
  });

  it('refuses what it would not draw as the chart meant, rather than drawing it wrong', async () => {
    await assert.rejects(drawn(SVG('<image href="file:///etc/passwd" width="10" height="10"/>')), /<image> is not drawn/);
    await assert.rejects(drawn(SVG('<defs><clipPath><rect width="1" height="1"/></clipPath></defs>')), /<defs> is not drawn/);
    await assert.rejects(drawn(SVG('<path d="M0,0h1v1Z" fill="url(#gradient)"/>')), /colour "url\(#gradient\)"/);
    await assert.rejects(drawn(SVG('<g><path d="M0,0h1v1Z"/>')), /<\/svg> closes <g>/);
    await assert.rejects(drawn('<svg width="1" height="1"><g>'), /<g> is not closed/);
  });
});
