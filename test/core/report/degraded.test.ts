import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { makeReportDocument } from '../../../src/core/report/make-document.js';
import { writeReport } from '../../../src/core/report/job/write-report.js';
import { namedZone } from '../../../src/core/time/zone.js';
import { reportJson, type ReportJson } from '../../../src/shared/report-json.js';
import type { ReportFormat, ReportJob } from '../../../src/shared/report-job.js';
import { tempDir } from '../../support/tmp.js';
import { NOW, RANGE, T, wanFolder } from './degraded-data.js';

const SLA = { target: 0.999, hours: 'all', minOutageSeconds: 0 } as const;
const CLOCK = { state: 'synchronized', source: 'fixed for the tests' } as const;

const withDegraded = wanFolder(true);
const without = wanFolder(false);

async function made(dataDir: string, format: ReportFormat): Promise<Buffer> {
  const job: ReportJob = { dataDir, from: RANGE.from, to: RANGE.to, zone: 'UTC', format, sla: SLA, now: NOW, live: ['wan'] };
  const chunks: Buffer[] = [];
  await writeReport(job, (chunk) => {
    chunks.push(Buffer.from(chunk));
  });
  return Buffer.concat(chunks);
}

const text = async (dataDir: string, format: ReportFormat) => (await made(dataDir, format)).toString('utf8');

async function json(dataDir: string): Promise<ReportJson> {
  const parsed = reportJson.safeParse(JSON.parse(await text(dataDir, 'json')));
  assert.ok(parsed.success, 'the json report follows its schema');
  return parsed.data;
}

async function document(dataDir: string) {
  return (await makeReportDocument({ dataDir, range: RANGE, zone: namedZone('UTC'), sla: SLA, now: NOW, clock: CLOCK, live: ['wan'] })).document;
}

const iso = (s: number) => new Date(s * 1000).toISOString().replace('.000Z', 'Z');

describe('degraded periods in the report: shown beside the outages, never downtime', () => {
  it('lists them in the JSON clipped to the range, with the worst figures of a closed one and the open one ended at the report', async () => {
    const [target] = (await json(withDegraded)).targets;
    assert.deepEqual(target!.degraded, [
      { start: iso(T), end: iso(T + 1200), duration_s: 1200, loss_pct: 35, median_rtt_ms: 48, baseline_rtt_ms: 12, reason: 'loss 35 % (threshold 5 %)' },
      {
        start: iso(T + 5 * 3600),
        end: iso(RANGE.to),
        duration_s: 3600,
        loss_pct: 0,
        median_rtt_ms: 180,
        baseline_rtt_ms: 12,
        reason: 'round trip 180 ms (threshold 3 × usual 12 ms)',
      },
    ]);
    assert.equal(target!.degraded_s, 4800);
  });

  it('changes no uptime, downtime, availability or SLA figure', async () => {
    const [{ degraded, degraded_s, ...figures }] = (await json(withDegraded)).targets as [ReportJson['targets'][number]];
    const [{ degraded: none, degraded_s: zero, ...plain }] = (await json(without)).targets as [ReportJson['targets'][number]];
    assert.deepEqual(figures, plain);
    assert.deepEqual([none, zero], [[], 0], 'a target without degraded periods has an empty list');
    assert.equal(figures.downtime_s, 600);
    assert.ok(degraded.length === 2 && degraded_s > 0);
    assert.ok(figures.sla !== null);

    const [a, b] = [(await document(withDegraded)).targets[0]!, (await document(without)).targets[0]!];
    assert.equal(a.headline, b.headline);
    assert.deepEqual(a.sla?.figures, b.sla?.figures);
    assert.deepEqual(
      a.figures.filter((f) => f.label !== 'Degraded (not downtime)'),
      b.figures,
    );
    assert.deepEqual(
      a.figures.find((f) => f.label === 'Degraded (not downtime)'),
      { label: 'Degraded (not downtime)', value: '1 h 20 m' },
    );
  });

  it('says in the method what they are, and how long the user paused monitoring', async () => {
    const method = (await document(withDegraded)).evidence.method;
    assert.ok(method.some((s) => /^A degraded period is a time when the connection worked, but badly .*not counted as downtime\.$/.test(s)));
    assert.ok(method.includes('Of the time not monitored, the user paused monitoring for 30 minutes.'));
    assert.ok(!(await document(without)).evidence.method.some((s) => s.includes('degraded')), 'no word of them when there are none');
  });

  it('puts a Degraded periods table after the outages in Markdown', async () => {
    const md = await text(withDegraded, 'md');
    const section = md.slice(md.indexOf('### Degraded periods'));
    assert.ok(md.indexOf('### Outages') < md.indexOf('### Degraded periods'));
    assert.ok(section.includes('| Start | End | Duration | What was measured | Loss and round trip |'));
    assert.ok(
      section.includes('| 2025-10-10 00:00:00 | 2025-10-10 00:20:00 | 20 min 0 s (began before the period) | loss 35 % (threshold 5 %) | loss 35 %; median round trip 48 ms (usually 12 ms) |'),
    );
    assert.ok(
      section.includes(
        '| 2025-10-10 05:00:00 | 2025-10-10 06:00:00 | 1 h 0 min 0 s (still degraded at the last record) | round trip 180 ms (threshold 3 × usual 12 ms) | loss 0 %; median round trip 180 ms (usually 12 ms) |',
      ),
    );
    assert.doesNotMatch(await text(without, 'md'), /Degraded/, 'no empty section');
  });

  it('shows them in HTML in a table of their own, apart from the outages', async () => {
    const page = await text(withDegraded, 'html');
    const rows = /<table class="degraded">[\s\S]*?<tbody>([\s\S]*?)<\/tbody>/.exec(page)![1]!.split('\n').filter((line) => line.startsWith('<tr>'));
    assert.deepEqual(rows, [
      '<tr><td>2025-10-10 00:00:00</td><td>2025-10-10 00:20:00</td><td>20 min 0 s (began before the period)</td><td>loss 35 % (threshold 5 %)</td><td>loss 35 %; median round trip 48 ms (usually 12 ms)</td></tr>',
      '<tr><td>2025-10-10 05:00:00</td><td>2025-10-10 06:00:00</td><td>1 h 0 min 0 s (still degraded at the last record)</td><td>round trip 180 ms (threshold 3 × usual 12 ms)</td><td>loss 0 %; median round trip 180 ms (usually 12 ms)</td></tr>',
    ]);
    assert.ok(page.indexOf('<table class="outages">') < page.indexOf('<table class="degraded">'));
    assert.match(page, /\.degraded \{[^}]*#b06000/, 'styled apart, in amber');
    const plain = await text(without, 'html');
    assert.ok(!plain.includes('<table class="degraded">') && !plain.includes('Degraded periods'), 'no empty section');
  });

  it('puts the table after the outage table in the PDF', async () => {
    const pdfText = async (dataDir: string) => {
      const file = join(tempDir('nom-pdf-'), 'report.pdf');
      writeFileSync(file, await made(dataDir, 'pdf'));
      return execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    };
    const pdf = await pdfText(withDegraded);
    const table = pdf.slice(pdf.indexOf('Degraded periods (2)'));
    assert.ok(pdf.indexOf('Outages (1)') < pdf.indexOf('Degraded periods (2)'));
    // Cells wrap within their columns, and the text reads back a column at a time: what fits one line is checked.
    for (const words of [
      'not counted as downtime',
      'What was measured',
      'Loss and round trip',
      '2025-10-10 00:00:00',
      '2025-10-10 00:20:00',
      '(began before the',
      'loss 35 % (threshold 5 %)',
      'median round trip 48 ms',
      'round trip 180 ms (threshold 3 ×',
      '(still degraded',
    ]) {
      assert.ok(table.includes(words), words);
    }
    assert.ok(!(await pdfText(without)).includes('Degraded periods'), 'no empty section');
  });

  it('keeps the outage CSV as it was', async () => {
    assert.deepEqual(await made(withDegraded, 'csv'), await made(without, 'csv'));
  });
});
