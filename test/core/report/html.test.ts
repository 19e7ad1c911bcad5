import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { OFFICE_HOURS } from '../../../src/core/analysis/sla.js';
import type { ReportDocument } from '../../../src/core/report/document/report-document.js';
import { escapeMarkup } from '../../../src/core/report/html/escape.js';
import { writeHtmlReport } from '../../../src/core/report/html/render-html.js';
import { makeReportDocument } from '../../../src/core/report/make-document.js';
import { samplesFileName } from '../../../src/core/store/samples-file.js';
import { encodeSample } from '../../../src/core/store/samples-record.js';
import { namedZone } from '../../../src/core/time/zone.js';
import { SEED_LOGS, seedLogNames } from '../../support/fixtures.js';
import { tempDir } from '../../support/tmp.js';
import { OCTOBER, octoberDocument, writeEvents, writeTarget, type OutageSpec } from './pdf-data.js';

/** A name as hostile as a folder or a configuration file can make it. */
const HOSTILE = `<img src=x onerror=alert(1)> "Tom & Jerry's" <script>alert(2)</script>`.replace(/\//g, '');

const OUTAGES: OutageSpec[] = [
  { at: 86_400 + 3600, seconds: 47 * 60, cause: 'isp' },
  { at: 2 * 86_400, seconds: 125, cause: 'local' },
  { at: 4 * 86_400, seconds: 30, cause: 'target' },
  { at: 8 * 86_400, seconds: 3000, cause: 'unknown' },
  { at: 20 * 86_400, seconds: 600, cause: 'isp' },
];

async function html(doc: ReportDocument): Promise<string> {
  const chunks: string[] = [];
  await writeHtmlReport(doc, (chunk) => {
    chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
  });
  return chunks.join('');
}

async function october(): Promise<{ doc: ReportDocument; page: string }> {
  const root = tempDir();
  writeTarget(root, HOSTILE, OUTAGES, 2 * 86_400);
  writeTarget(root, 'office', [{ at: 3 * 86_400 + 10 * 3600, seconds: 400, cause: 'isp' }]);
  writeEvents(root);
  const doc = await octoberDocument(root, { target: 0.999, hours: OFFICE_HOURS, minOutageSeconds: 60 });
  return { doc, page: await html(doc) };
}

/** The rows of each outage table, in order: a table per list of outages. */
function tableRows(page: string): string[][] {
  return [...page.matchAll(/<table class="outages">[\s\S]*?<tbody>([\s\S]*?)<\/tbody>/g)].map((m) => m[1]!.split('\n').filter((line) => line.startsWith('<tr>')));
}

describe('html report', () => {
  it('is one document, English, titled, with its style inline', async () => {
    const { doc, page } = await october();
    assert.ok(page.startsWith('<!DOCTYPE html>\n<html lang="en">'));
    assert.ok(page.trimEnd().endsWith('</html>'));
    assert.ok(page.includes(`<title>${escapeMarkup(doc.title)}</title>`));
    assert.equal((page.match(/<style>/g) ?? []).length, 1);
    assert.ok(page.includes('@media print') && page.includes('display: table-header-group'), 'print rules repeat table heads');
  });

  it('opens with the title, the period, and per target the headline, the figures and the verdict', async () => {
    const { doc, page } = await october();
    const summary = page.slice(0, page.indexOf('<section class="page">'));
    assert.ok(summary.includes(`<h1>${escapeMarkup(doc.title)}</h1>`));
    assert.ok(summary.includes(escapeMarkup(doc.period)));
    for (const t of doc.targets) {
      assert.ok(summary.includes(`<p class="headline">${escapeMarkup(t.headline)}</p>`), `${t.name}: headline on page 1`);
      for (const f of t.figures) assert.ok(summary.includes(`<dt>${escapeMarkup(f.label)}</dt><dd>${escapeMarkup(f.value)}</dd>`), `${t.name}: ${f.label}`);
      assert.ok(summary.includes(escapeMarkup(t.sla!.summary)), `${t.name}: SLA verdict on page 1`);
    }
    assert.match(summary, /Contract \(SLA\) met\./);
    assert.ok(summary.includes(doc.evidence.digest.sha256), 'the digest is named on page 1');
    assert.match(doc.targets[0]!.headline, /down 4 times/);
  });

  it('lists every outage with its uncertainty and evidence, and the watched-address-only spans apart', async () => {
    const { doc, page } = await october();
    const tables = tableRows(page);
    const [hostile, office] = doc.targets.map((t) => t);
    assert.deepEqual(
      tables.map((rows) => rows.length),
      [hostile!.outages.length, hostile!.targetOnly.length, office!.outages.length],
    );
    const lists = [hostile!.outages, hostile!.targetOnly, office!.outages];
    lists.forEach((list, i) =>
      list.forEach((row, j) => {
        const tr = tables[i]![j]!;
        for (const cell of [row.start, row.end, row.duration, row.uncertainty, row.evidence]) assert.ok(tr.includes(`<td>${escapeMarkup(cell)}</td>`), `row ${j}: ${cell}`);
        assert.ok(tr.includes(`<td class="cause-${row.cause}">`));
      }),
    );
    assert.match(tables[0]![0]!, /began between \d\d:\d\d:\d\d and \d\d:\d\d:\d\d; ended between/);
    assert.match(tables[0]![0]!, /router 192\.0\.2\.1: answered in 0\.6 ms; DNS 203\.0\.113\.53 for example\.com: no answer; 203\.0\.113\.20: no answer/);
    assert.match(page, /<h3>The watched address alone was silent \(1\)<\/h3>/);
    assert.ok(page.includes('Internet provider</span>: the internet provider (the router answered, the internet did not)'), 'the causes are explained');
  });

  it('escapes a hostile target name everywhere', async () => {
    const { page } = await october();
    assert.ok(!page.includes(HOSTILE));
    assert.ok(!/<img|<script|onerror=alert\(1\)>/i.test(page.replace(/&lt;img src=x onerror=alert\(1\)&gt;/g, '')), 'no markup of the name survives');
    assert.ok(page.includes(escapeMarkup(HOSTILE)));
    assert.ok(page.includes(escapeMarkup(HOSTILE).replace(/'/g, '&#39;')));
    assert.equal(escapeMarkup(`<a href="x">'&'</a>`), '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });

  it('fetches nothing: no URL but the SVG namespace, no src, no import, no script', async () => {
    const { page } = await october();
    const withoutNamespace = page.replace(/ xmlns="http:\/\/www\.w3\.org\/2000\/svg"/g, '');
    assert.doesNotMatch(withoutNamespace, /https?:\/\//i);
    const attributes = (page.match(/<[a-z][^>]*>/gi) ?? []).map((tag) => tag.replace(/"[^"]*"/g, '""'));
    assert.deepEqual(
      attributes.filter((tag) => /\s(src|srcset|data|poster|background|action)=/i.test(tag)),
      [],
      'no tag loads anything',
    );
    assert.doesNotMatch(page, /@import|url\(|<link|<script|<iframe|<object|<embed|<img|<image/i);
    assert.deepEqual([...new Set([...page.matchAll(/href="([^"]*)"/g)].map((m) => m[1]))], ['#evidence'], 'the only link is to its own evidence section');
  });

  it('carries the charts inline as labelled SVG, one figure each', async () => {
    const { page } = await october();
    const figures = [...page.matchAll(/<figure><h4>([^<]*)<\/h4><svg role="img" aria-label="([^"]*)"[\s\S]*?<\/svg><figcaption>/g)];
    assert.deepEqual(
      figures.map((m) => m[1]),
      [
        'Downtime per day',
        'Outages by cause',
        'Downtime by hour of the day',
        'Downtime by day of the week',
        'Downtime per day',
        'Outages by cause',
        'Downtime by hour of the day',
        'Downtime by day of the week',
      ],
    );
    assert.ok(figures.every((m) => m[1] === m[2]));
    assert.equal((page.match(/<svg /g) ?? []).length, figures.length);
  });

  it('ends with the events and the evidence: method, clock, digest and every file in sha256sum format', async () => {
    const { doc, page } = await october();
    const evidence = page.slice(page.indexOf('<section class="page" id="evidence">'));
    assert.ok(page.indexOf('Address changes and failovers (3)') < page.indexOf('id="evidence"'));
    assert.ok(doc.events.some((e) => e.text.startsWith('Traffic could not be moved; it stays on the standby link (primary up, standby up): the primary is back')), 'an unconfirmed switch is not told as a move');
    for (const e of doc.events) assert.ok(page.includes(`<td>${e.time}</td><td>${escapeMarkup(e.text)}</td>`));
    assert.match(evidence, /<code>sha256sum -c<\/code>/);
    assert.ok(evidence.includes('<strong>synchronized</strong> (fixed for the tests)'));
    assert.ok(evidence.includes(`<p class="mono digest">${doc.evidence.digest.sha256}</p>`));
    const manifest = /<pre class="manifest"[^>]*>([\s\S]*?)<\/pre>/.exec(evidence)![1]!;
    assert.equal(manifest, escapeMarkup(doc.evidence.digest.manifest));
    assert.equal(manifest.split('\n').filter(Boolean).length, doc.evidence.digest.files.length);
    for (const f of doc.evidence.digest.files) assert.ok(manifest.includes(`${f.sha256}  ${escapeMarkup(f.path)}`));
    assert.ok(doc.evidence.digest.files.some((f) => /^_events\/events_\d{4}-\d{2}\.jsonl$/.test(f.path)), 'the system journal the events come from is pinned too');
  });

  it('shows the ping monitor\'s response times and loss, on page 1 and as charts per day', async () => {
    const root = tempDir();
    writeTarget(root, 'home', [{ at: 86_400 + 3600, seconds: 47 * 60, cause: 'isp' }]);
    const minutes = Array.from({ length: 31 * 24 * 4 }, (_, i) => OCTOBER.from + 900 * i);
    const sample = (at: number) => encodeSample({ at, sent: 12, received: at % 7200 === 0 ? 11 : 12, minMs: 8, avgMs: 14.5, maxMs: 60, jitterMs: 2 });
    writeFileSync(join(root, 'home', samplesFileName(OCTOBER.from)), Buffer.concat(minutes.filter((at) => at < Date.UTC(2025, 9, 1) / 1000).map(sample)));
    writeFileSync(join(root, 'home', samplesFileName(OCTOBER.to - 60)), Buffer.concat(minutes.filter((at) => at >= Date.UTC(2025, 9, 1) / 1000).map(sample)));
    const doc = await octoberDocument(root);
    const page = await html(doc);
    assert.equal(doc.targets[0]!.latency!.days.length, 31);
    assert.ok(page.includes('<dt>Average response time</dt><dd>14.5 ms</dd>'));
    assert.ok(page.includes('<dt>Echo requests lost</dt><dd>1.04 %</dd>'));
    assert.match(page, /<h4>Response time per day<\/h4><svg/);
    assert.match(page, /<h4>Lost echo requests per day<\/h4><svg/);
  });

  it('says so when nothing went down, without empty pattern charts or tables', async () => {
    const root = tempDir();
    writeTarget(root, 'quiet', []);
    const page = await html(await octoberDocument(root));
    assert.match(page, /<p class="headline">Your connection did not go down in October 2025\./);
    assert.ok(page.includes('<p>No outages in this period.</p>'));
    assert.equal((page.match(/<figure>/g) ?? []).length, 1, 'only the daily chart');
    assert.ok(!page.includes('<table class="outages">'));
    assert.ok(!page.includes('Address changes and failovers'));
  });

  it('renders every seed fixture, whose outages have no journal behind them', async () => {
    for (const fixture of seedLogNames()) {
      const { document } = await makeReportDocument({
        dataDir: join(SEED_LOGS, fixture),
        range: {},
        zone: namedZone('UTC'),
        now: Date.UTC(2025, 10, 1) / 1000,
        clock: { state: 'unknown', source: 'fixed for the tests' },
      });
      const page = await html(document);
      const rows = tableRows(page);
      const outages = document.targets.flatMap((t) => [t.outages.length, ...(t.targetOnly.length > 0 ? [t.targetOnly.length] : [])]).filter((n) => n > 0);
      assert.deepEqual(rows.map((r) => r.length), outages, fixture);
      if (outages.length > 0) assert.ok(page.includes('no evidence recorded'), `${fixture}: says the evidence is missing`);
      assert.ok(page.includes('Whether the computer clock was synchronized could not be learned'), fixture);
    }
  });
});
