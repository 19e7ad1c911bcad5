import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { samplesFileName } from '../../src/core/store/samples-file.js';
import { encodeSample } from '../../src/core/store/samples-record.js';
import { Status } from '../../src/core/store/transition-record.js';
import { reportJson } from '../../src/shared/report-json.js';
import { runCli } from '../support/cli.js';
import { SEED_LOGS } from '../support/fixtures.js';
import { v2Bytes } from '../support/records.js';
import { tempDir } from '../support/tmp.js';

const { UP, DOWN, STARTED, STOPPED } = Status;
const DAY = Date.UTC(2025, 9, 10) / 1000; // 2025-10-10 00:00 UTC
/** What an outage's evidence holds when the folder has no journal (network-outage-monitor's logs). */
const NO_JOURNAL = { bounds: null, first_failure: null, gateway: null, dns: null, addping: [] };

/** Two targets: "wan" with two outages on 10 October, "lan" with none. */
function dataDir(): string {
  const dir = tempDir();
  mkdirSync(join(dir, 'wan'));
  mkdirSync(join(dir, 'lan'));
  writeFileSync(
    join(dir, 'wan', 'uptime_2025-10.log'),
    v2Bytes([
      [DAY + 3600, STARTED], [DAY + 3601, UP],
      [DAY + 7200, DOWN], [DAY + 7500, UP], // 5 minutes
      [DAY + 86_000, DOWN], [DAY + 86_400 + 600, UP], // across midnight: 400 s on the 10th, 600 s on the 11th
      [DAY + 86_400 + 3600, STOPPED],
    ]),
  );
  writeFileSync(join(dir, 'lan', 'uptime_2025-10.log'), v2Bytes([[DAY + 3600, STARTED], [DAY + 3601, UP], [DAY + 86_400 + 3600, STOPPED]]));
  return dir;
}

/** Per-minute samples from `from` for `minutes` minutes, 10 requests each, none answered while `down(at)`. */
function writeSamples(dir: string, from: number, minutes: number, down: (at: number) => boolean = () => false): void {
  const samples = Array.from({ length: minutes }, (_, i) => from + 60 * i).map((at) =>
    down(at)
      ? encodeSample({ at, sent: 10, received: 0, minMs: null, avgMs: null, maxMs: null, jitterMs: null })
      : encodeSample({ at, sent: 10, received: 10, minMs: 11, avgMs: 12.5, maxMs: 20, jitterMs: 1.5 }),
  );
  writeFileSync(join(dir, samplesFileName(from)), Buffer.concat(samples));
}

function json(args: string[]) {
  const r = runCli(['report', '--format', 'json', ...args]);
  assert.equal(r.code, 0, r.stderr);
  return reportJson.parse(JSON.parse(r.stdout));
}

describe('nom report', () => {
  it('json: every target, its totals and outages, ISO UTC times', () => {
    const report = json(['--data', dataDir()]);
    assert.equal(report.from, '2025-10-10T01:00:00Z');
    assert.equal(report.to, '2025-10-11T01:00:00Z');
    assert.deepEqual(report.targets.map((t) => t.name), ['lan', 'wan']);
    const wan = report.targets[1]!;
    assert.equal(wan.downtime_s, 300 + 1000);
    assert.equal(wan.uptime_s, 86_400 - 1 - 1300);
    assert.equal(wan.unmonitored_s, 1);
    assert.equal(wan.availability, Math.round(((86_399 - 1300) / 86_399) * 1e6) / 1e6);
    assert.deepEqual(wan.outages[0], {
      start: '2025-10-10T02:00:00Z', end: '2025-10-10T02:05:00Z', duration_s: 300, cause: 'unknown', evidence: { ...NO_JOURNAL, ended_by: 'up' },
    });
  });

  it('--from/--to clip the totals; a bare date means that whole day', () => {
    const report = json(['--data', dataDir(), '--target', 'wan', '--from', '2025-10-10', '--to', '2025-10-10']);
    assert.equal(report.from, '2025-10-10T00:00:00Z');
    assert.equal(report.to, '2025-10-11T00:00:00Z');
    const [wan] = report.targets;
    assert.equal(wan!.downtime_s, 300 + 400);
    assert.equal(wan!.unmonitored_s, 3601);
    assert.equal(wan!.outages.length, 2, 'the outage crossing midnight overlaps the day');
  });

  it('--tz reads bare dates in that zone', () => {
    const report = json(['--data', dataDir(), '--from', '2025-10-11', '--to', '2025-10-11', '--tz', 'Asia/Tokyo']);
    assert.equal(report.from, '2025-10-10T15:00:00Z');
    assert.equal(report.to, '2025-10-11T15:00:00Z');
  });

  it('--from/--to accept @unix seconds and full ISO times', () => {
    const report = json(['--data', dataDir(), '--from', `@${DAY + 7000}`, '--to', '2025-10-10T02:10:00Z']);
    assert.equal(report.from, '2025-10-10T01:56:40Z');
    assert.equal(report.targets[1]!.downtime_s, 300);
  });

  it('md: a summary per target and a table of outages', () => {
    const r = runCli(['report', '--data', dataDir(), '--target', 'wan']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^# Internet connection report between 10 October and 11 October 2025\n/);
    assert.match(r.stdout, /\*\*Your connection was down twice for 22 minutes between 10 October and 11 October 2025; the longest outage lasted 17 minutes\. It was not monitored for 1 second of the period\.\*\*/);
    assert.match(r.stdout, /\| Downtime \| 22 minutes \|/);
    assert.match(r.stdout, /\| Outages \| 2 \|/);
    assert.match(r.stdout, /\| 2025-10-10 02:00:00 \| 2025-10-10 02:05:00 \| 5 min 0 s \| unknown \|/);
    assert.match(r.stdout, /\| 2025-10-10 23:53:20 \| 2025-10-11 00:10:00 \| 16 min 40 s \| unknown \|/);
    assert.match(r.stdout, /SHA-256 of the list below: `[0-9a-f]{64}`\n\n```\n[0-9a-f]{64} {2}wan\/uptime_2025-10\.log\n```/);
  });

  it('latency: per day and, for a day or two, per hour, from the ping samples', () => {
    const dir = dataDir();
    // 01:00 to 03:00 on the 10th; nothing answered in the 5-minute outage from 02:00.
    writeSamples(join(dir, 'wan'), DAY + 3600, 120, (at) => at >= DAY + 7200 && at < DAY + 7500);
    const report = json(['--data', dir, '--from', '2025-10-10', '--to', '2025-10-10']);
    const [lan, wan] = report.targets;
    assert.equal(lan!.latency, null, 'no ping monitor, no latency');
    const latency = wan!.latency!;
    assert.deepEqual(latency.days.map((d) => [d.period, d.from, d.to, d.sent, d.received]), [['2025-10-10', '2025-10-10T00:00:00Z', '2025-10-11T00:00:00Z', 1200, 1150]]);
    assert.equal(latency.total.loss, Math.round((50 / 1200) * 1e6) / 1e6);
    assert.equal(latency.total.avg_ms, 12.5);
    assert.deepEqual(latency.hours!.map((h) => h.sent), [0, 600, 600, ...new Array<number>(21).fill(0)]);
    assert.equal(latency.hours![2]!.loss, Math.round((50 / 600) * 1e6) / 1e6);
    assert.deepEqual(latency.hours![2]!.period, '2025-10-10 02:00');

    const md = runCli(['report', '--data', dir, '--target', 'wan', '--from', '2025-10-10', '--to', '2025-10-10']);
    assert.equal(md.code, 0, md.stderr);
    assert.match(md.stdout, /\| Average response time \| 12\.5 ms \|/);
    assert.match(md.stdout, /### Response time and loss\n\nPer hour \(local time\)[^\n]*\n\n\| Hour \| Requests \| Lost \| Fastest \| Average \| Slowest \| Jitter \|/);
    assert.match(md.stdout, /\| 2025-10-10 01:00 \| 600 \| 0\.00 % \| 11 ms \| 12\.5 ms \| 20 ms \| 1\.5 ms \|/);
    assert.match(md.stdout, /\| 2025-10-10 02:00 \| 600 \| 8\.33 % \| 11 ms \| 12\.5 ms \| 20 ms \| 1\.5 ms \|/);
    assert.match(md.stdout, /\| 2025-10-10 05:00 \| 0 \| – \| – \| – \| – \| – \|/);
    assert.match(md.stdout, /\| \*\*Whole period\*\* \| 1200 \| 4\.17 % \|/);
  });

  it('a target watched by the ping monitor alone is reported from its samples', () => {
    const dir = tempDir();
    writeSamples(dir, DAY + 600, 90);
    const [target] = json(['--data', dir]).targets;
    assert.equal(target!.uptime_s + target!.downtime_s, 0);
    assert.equal(target!.latency!.total.sent, 900);
    assert.equal(target!.latency!.total.from, '2025-10-10T00:10:00Z', 'the report covers the first minute…');
    assert.equal(target!.latency!.total.to, '2025-10-10T01:40:00Z', '…to the end of the last');

    const md = runCli(['report', '--data', dir]);
    assert.equal(md.code, 0, md.stderr);
    assert.match(md.stdout, /\*\*Only the ping monitor watched this address on 10 October 2025: answers took 12\.5 ms on average, and 0\.00 % of echo requests were lost\.\*\*/);
    assert.doesNotMatch(md.stdout, /\| Availability \|/);
    assert.match(md.stdout, /### Outages\n\nOutages were not watched for: only the ping monitor ran for this address\.\n/);

    const html = runCli(['report', '--data', dir, '--format', 'html']);
    assert.equal(html.code, 0, html.stderr);
    assert.match(html.stdout, /<h4>Response time per hour<\/h4>/);
    assert.doesNotMatch(html.stdout, /<h4>Downtime per day<\/h4>/);
  });

  it('csv: one RFC 4180 row per outage, fields quoted where needed', () => {
    const dir = dataDir();
    mkdirSync(join(dir, 'office, "north"'));
    writeFileSync(join(dir, 'office, "north"', 'uptime_2025-10.log'), v2Bytes([[DAY, UP], [DAY + 60, DOWN], [DAY + 90, UP]]));
    const r = runCli(['report', '--data', dir, '--format', 'csv']);
    assert.equal(r.code, 0, r.stderr);
    const rows = r.stdout.split('\r\n');
    assert.equal(rows.at(-1), '', 'every row ends in CRLF');
    assert.equal(rows[0], 'target,start,end,duration_s,cause,ended_by');
    assert.deepEqual(rows.slice(1, -1), [
      '"office, ""north""",2025-10-10T00:01:00+00:00,2025-10-10T00:01:30+00:00,30,unknown,up',
      'wan,2025-10-10T02:00:00+00:00,2025-10-10T02:05:00+00:00,300,unknown,up',
      'wan,2025-10-10T23:53:20+00:00,2025-10-11T00:10:00+00:00,1000,unknown,up',
    ]);
  });

  it('an open outage has no end and no duration', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'uptime_2025-10.log'), v2Bytes([[DAY, STARTED], [DAY + 1, UP], [DAY + 50, DOWN]]));
    const [target] = json(['--data', dir]).targets;
    assert.deepEqual(target!.outages, [{ start: '2025-10-10T00:00:50Z', end: null, duration_s: null, cause: 'unknown', evidence: { ...NO_JOURNAL, ended_by: null } }]);
  });

  it('--out writes the whole report to a file and nothing to stdout', () => {
    const out = join(tempDir(), 'report.json');
    const r = runCli(['report', '--data', `${SEED_LOGS}/v2-sessions-1`, '--format', 'json', '--out', out]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, '');
    assert.equal(reportJson.parse(JSON.parse(readFileSync(out, 'utf8'))).targets[0]!.uptime_s, 19 * 3600 + 46 * 60 + 22);
  });

  it('seed format with several targets prints a section for each', () => {
    const r = runCli(['report', '--data', dataDir(), '--format', 'seed']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^# lan\n\nTotal uptime: 23h 59m 59s\n/);
    assert.match(r.stdout, /\n\n# wan\n\nTotal uptime: /);
  });

  it('writes no file when the report fails', () => {
    const dir = tempDir();
    const out = join(dir, 'report.md');
    const r = runCli(['report', '--data', join(dir, 'missing'), '--out', out]);
    assert.notEqual(r.code, 0);
    assert.equal(existsSync(out), false);
  });

  it('html: one self-contained page with both targets and no script or URL', () => {
    const r = runCli(['report', '--data', dataDir(), '--format', 'html']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^<!DOCTYPE html>\n/);
    assert.match(r.stdout, />wan</);
    assert.match(r.stdout, />lan</);
    // The SVG namespace is a name, not a fetch: anything else that names a URL would be one.
    assert.doesNotMatch(r.stdout.replaceAll('xmlns="http://www.w3.org/2000/svg"', ''), /<script|https?:\/\/|src=|href="[^#]/);
  });

  it('pdf: a whole PDF file through --out', () => {
    const dir = tempDir();
    const out = join(dir, 'report.pdf');
    const r = runCli(['report', '--data', dataDir(), '--format', 'pdf', '--out', out]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, '');
    const pdf = readFileSync(out);
    assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
    assert.match(pdf.subarray(-8).toString('latin1'), /%%EOF\s*$/);
  });
});
