import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { request } from 'node:http';
import type * as HttpServer from '../../../src/core/http/http-server.js';
import { createLogger, type Logger } from '../../../src/core/log.js';
import type * as ReportQueueModule from '../../../src/core/report/job/report-queue.js';
import type * as RunReportJob from '../../../src/core/report/job/run-report-job.js';
import { z } from 'zod';
import { apiResult, type ApiError, type ApiHandlers } from '../../../src/shared/api-contract.js';
import { reportJson } from '../../../src/shared/report-json.js';
import { built } from '../../support/built.js';
import { SEED_LOGS } from '../../support/fixtures.js';
import { tempDir, treeDigest } from '../../support/tmp.js';

/**
 * The report download of the daemon's HTTP API over a real socket, with reports made by the
 * real worker thread, over the seed fixtures. It runs the built modules, as the daemon does: Node 20 cannot start a
 * worker from TypeScript source, and the server must see the worker's errors as its own kind.
 */
const GOLDEN = fileURLToPath(new URL('../../golden/', import.meta.url));
const NOW = Date.UTC(2025, 10, 1) / 1000;
const { startHttpServer } = await built<typeof HttpServer>('core/http/http-server.js');
const { ReportQueue } = await built<typeof ReportQueueModule>('core/report/job/report-queue.js');
const { runReportJob } = await built<typeof RunReportJob>('core/report/job/run-report-job.js');
/** For servers whose reports a test never asks for. */
const NO_REPORTS = { run: () => Promise.reject(new Error('unused')), close() {} };
/** The other calls are the runtime's; here only the one that says the transport answers at all. */
const HANDLERS = { status: () => Promise.reject(new Error('unused')), targets: () => Promise.resolve({ targets: [] }) } as unknown as ApiHandlers;

/** The API as the daemon serves it, on loopback, with the test's data, reports and log. */
function serve(port: number, dataDir: string, reports: Parameters<typeof startHttpServer>[1]['reports'], options: { log?: Logger; live?: () => readonly string[] } = {}) {
  return startHttpServer(
    { host: '127.0.0.1', port },
    {
      handlers: HANDLERS,
      subscribe: () => () => undefined,
      dataDir,
      reports,
      now: () => NOW,
      liveTargets: options.live ?? (() => []),
      uiDir: tempDir(),
      token: null,
      log: options.log ?? createLogger('test', { write: () => undefined }),
    },
  );
}

let server: HttpServer.RunningServer;
/** The targets the test plays the daemon running, as the daemon tells its API. */
let live: string[] = [];
let before_: string;
const lines: string[] = [];

const get = (path: string, init?: RequestInit) => fetch(`${server.url}${path}`, init);

const refusalSchema = apiResult(z.never());

/** The refusal's envelope, checked against the contract; its message is one line. */
async function refusal(response: Response, status: number, code: ApiError['code'] = 'bad-request'): Promise<string> {
  assert.equal(response.status, status);
  assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
  const body = refusalSchema.parse(await response.json());
  assert.ok(!body.ok, 'a refusal');
  assert.equal(body.error.code, code);
  assert.doesNotMatch(body.error.message, /\n/, 'one line');
  return body.error.message;
}

describe('HTTP API: the report, made by the report engine', () => {
  before(async () => {
    before_ = treeDigest(SEED_LOGS);
    const log = createLogger('test', { minLevel: 'debug', write: (line) => lines.push(line) });
    server = await serve(0, SEED_LOGS, new ReportQueue(runReportJob), { log, live: () => live });
  });
  after(async () => {
    await server.close();
    assert.equal(treeDigest(SEED_LOGS), before_, 'no request changed a data file');
    assert.deepEqual(lines.filter((l) => /ERROR/.test(l)), [], 'no request was an internal error');
  });

  it('makes the CSV byte for byte as the golden file', async () => {
    const response = await get('/api/report?format=csv&target=v2-flapping-1&tz=UTC');
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'text/csv; charset=utf-8');
    assert.equal(response.headers.get('content-disposition'), 'attachment; filename="nom-report-v2-flapping-1-2025-11-01.csv"');
    assert.equal(await response.text(), readFileSync(join(GOLDEN, 'v2-flapping-1.csv'), 'utf8'));
    assert.equal(response.headers.get('cache-control'), 'no-store');
  });

  it('makes the JSON report the golden file holds, with the same files pinned (named from the data folder)', async () => {
    const response = await get('/api/report?format=json&target=v2-plain-1&tz=UTC');
    assert.equal(response.status, 200);
    const actual = reportJson.parse(await response.json());
    const golden = reportJson.parse(JSON.parse(readFileSync(join(GOLDEN, 'v2-plain-1.json'), 'utf8')));
    assert.deepEqual({ ...actual, evidence: null }, { ...golden, evidence: null });
    assert.deepEqual(
      actual.evidence.files.map((f) => [f.path, f.sha256]),
      golden.evidence.files.map((f) => [`v2-plain-1/${f.path}`, f.sha256]),
    );
  });

  it('applies the range, zone and contract terms it is given', async () => {
    const response = await get('/api/report?format=json&target=v2-plain-1&from=2025-10-12&to=2025-10-13&tz=Europe/Oslo&sla=99.5&sla-hours=business&sla-min-outage=60');
    assert.equal(response.status, 200);
    const report = reportJson.parse(await response.json());
    assert.equal(report.from, '2025-10-11T22:00:00Z');
    assert.equal(report.to, '2025-10-13T22:00:00Z');
    assert.equal(report.zone, 'Europe/Oslo');
    assert.equal(report.targets[0]?.sla?.target, 0.995);
    assert.equal(report.targets[0]?.sla?.min_outage_s, 60);
    assert.equal(response.headers.get('content-disposition'), 'attachment; filename="nom-report-v2-plain-1-2025-10-12-to-2025-10-13.json"');
  });

  it('makes the HTML and the PDF', async () => {
    const html = await get('/api/report?target=v1-1');
    assert.equal(html.status, 200);
    assert.equal(html.headers.get('content-type'), 'text/html; charset=utf-8');
    assert.match(await html.text(), /^<!doctype html>[\s\S]*<svg[\s\S]*<\/html>\s*$/i);
    // The report's own inline styles, and nothing to fetch: the app's policy would forbid the one and allow the other.
    assert.equal(html.headers.get('content-security-policy'), "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'; frame-ancestors 'none'");
    assert.equal(html.headers.get('x-content-type-options'), 'nosniff');
    const pdf = await get('/api/report?format=pdf&target=v1-1');
    assert.equal(pdf.status, 200);
    assert.equal(pdf.headers.get('content-type'), 'application/pdf');
    const bytes = Buffer.from(await pdf.arrayBuffer());
    assert.equal(bytes.subarray(0, 5).toString(), '%PDF-');
    assert.match(bytes.subarray(-16).toString(), /%%EOF\s*$/);
  });

  it("carries a target's open session to now while the daemon runs it, and says so", async () => {
    // v2-plain-1 ends DOWN at 2025-10-17T01:14:14Z: the daemon running it vouches the outage went on until NOW.
    const lastRecord = Date.parse('2025-10-17T01:14:14Z') / 1000;
    const golden = reportJson.parse(JSON.parse(readFileSync(join(GOLDEN, 'v2-plain-1.json'), 'utf8')));
    live = ['v2-plain-1', 'v2-flapping-1'];
    try {
      const json = reportJson.parse(await (await get('/api/report?format=json&target=v2-plain-1&tz=UTC')).json());
      const [target] = json.targets;
      assert.equal(json.to, '2025-11-01T00:00:00Z');
      assert.equal(target?.downtime_s, golden.targets[0]!.downtime_s + (NOW - lastRecord));
      assert.equal(target.uptime_s, golden.targets[0]!.uptime_s);
      assert.equal(target.unmonitored_s, 0);
      assert.deepEqual(target.outages.at(-1)?.end, null, 'the outage is still open');
      const md = await (await get('/api/report?format=md&tz=UTC&to=2025-11-01')).text();
      assert.match(md, /made by the running monitor: for v2-plain-1, the state since the last recorded change held until the report was made \(2025-11-01 00:00:00\)/);
      // seed is network-outage-monitor's `log` of the files as they are, live or not.
      const seedLive = await (await get('/api/report?format=seed&target=v2-plain-1')).text();
      live = [];
      assert.equal(seedLive, await (await get('/api/report?format=seed&target=v2-plain-1')).text());
    } finally {
      live = [];
    }
  });

  it('refuses bad requests with one line that names the problem', async () => {
    const cases: [string, RegExp][] = [
      ['/api/report?format=docx', /^format: /],
      ['/api/report?colour=red', /^unknown parameter "colour"/],
      ['/api/report?from=yesterday', /^from: cannot read "yesterday" as a time/],
      ['/api/report?to=2025-13', /^to: cannot read/],
      ['/api/report?tz=Mars/Olympus', /^tz: unknown time zone "Mars\/Olympus"/],
      ['/api/report?sla=lots', /^sla: must be a number/],
      ['/api/report?sla=101', /^sla: must be at most 100/],
      ['/api/report?sla=99&sla-hours=weekends', /^sla-hours: "weekends" is not all, business/],
      ['/api/report?target=a&target=b', /^give "target" once/],
      ['/api/report?target=nosuch', /^no target named "nosuch"/],
      ['/api/report?from=2025-11&to=2025-10', /^from must be before to$/],
      ['/api/report?from=2100-01&target=v2-plain-1', /^the range starts after the last record \(2025-10-17T01:14:14Z\)$/],
      ['/api/report?to=2000-01&target=v2-plain-1', /^the range ends before the first record \(2025-10-10T20:12:08Z\)$/],
      ['/api/report?from=@0&to=2100-01', /^the range is longer than 25 years/],
      ['/api/report?from=@99999999999999999999', /^from: "@99999999999999999999" is after the year 9999$/],
      ['/api/report?sla-hours=business', /^sla-hours and sla-min-outage are terms of a contract: give sla/],
      ['/api/report?target=a%0Ab', /^no target named "a\\u000ab"/],
      ['/api/report?tz=Europe%0AOslo', /^tz: unknown time zone "Europe\\u000aOslo"/],
    ];
    for (const [path, expected] of cases) assert.match(await refusal(await get(path), 400), expected, path);
  });

  it('answers other methods with 405 and unknown paths with 404', async () => {
    const post = await get('/api/report', { method: 'POST' });
    assert.equal(post.headers.get('allow'), 'GET, HEAD');
    assert.match(await refusal(post, 405), /POST is not allowed here/);
    assert.match(await refusal(await get('/api/nothing'), 404, 'not-found'), /no such path: \/api\/nothing/);
  });

  it('answers HEAD with the headers of the report, without making it', async () => {
    const head = await get('/api/report?format=pdf&target=v1-1', { method: 'HEAD' });
    assert.equal(head.status, 200);
    assert.equal(head.headers.get('content-type'), 'application/pdf');
    assert.equal(await head.text(), '');
    assert.equal((await get('/api/report?format=docx', { method: 'HEAD' })).status, 400);
  });

  it('answers only to its own names and addresses', async () => {
    // fetch() sends the URL's own host whatever it is told, so this asks the way a rebound page's browser would.
    const { port } = new URL(server.url);
    const response = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path: '/api/targets', headers: { host: `rebound.example:${port}` } }, (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on('error', reject);
      req.end();
    });
    assert.equal(response.status, 421);
    assert.deepEqual(JSON.parse(response.body), { ok: false, error: { code: 'forbidden', message: 'this server answers only to its own names and addresses' } });
    const local = await fetch(`${server.url.replace('127.0.0.1', 'localhost')}/api/targets`);
    assert.equal(local.status, 200);
  });

  it('says so in one line when its port is taken', async () => {
    const port = Number(new URL(server.url).port);
    await assert.rejects(
      serve(port, SEED_LOGS, NO_REPORTS),
      (err: Error) => err.name === 'UserError' && err.message === `--http: 127.0.0.1:${port} is in use by another program`,
    );
  });
});

describe('HTTP API: reports waiting their turn, and nothing recorded yet', () => {
  it('makes one report at a time, answers 503 with Retry-After past the queue, and stops the reports on close', async () => {
    const signals: AbortSignal[] = [];
    const gated = (_job: unknown, signal: AbortSignal) => {
      signals.push(signal);
      return new Promise<Uint8Array<ArrayBuffer>>((_resolve, reject) => signal.addEventListener('abort', () => reject(new Error('stopped'))));
    };
    const busy = await serve(0, SEED_LOGS, new ReportQueue(gated, 1));
    const first = fetch(`${busy.url}/api/report?format=md`).catch((err: unknown) => err);
    while (signals.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    const second = await fetch(`${busy.url}/api/report?format=md`);
    assert.ok(Number(second.headers.get('retry-after')) > 0);
    assert.match(await refusal(second, 503, 'busy'), /reports are being made already/);
    await busy.close();
    await first;
    assert.equal(signals[0]?.aborted, true, 'the report being made was stopped');
  });

  it('says nothing is recorded yet, without naming the data folder', async () => {
    const empty = tempDir();
    const fresh = await serve(0, empty, NO_REPORTS);
    try {
      const error = await refusal(await fetch(`${fresh.url}/api/report`), 404, 'not-found');
      assert.match(error, /^nothing is recorded yet/);
      assert.ok(!error.includes(empty));
    } finally {
      await fresh.close();
    }
  });
});
