import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { reportFileName } from '../../../src/core/report/job/report-file-name.js';
import { CLI_LABELS, reportJobOf } from '../../../src/core/report/job/report-input.js';
import { ReportQueue, ReportsBusy } from '../../../src/core/report/job/report-queue.js';
import { reportJobSchema, reportReplySchema, type ReportJob } from '../../../src/shared/report-job.js';

const NOW = Date.UTC(2026, 10, 23, 12) / 1000;
const JOB: ReportJob = { dataDir: '/data', zone: 'UTC', format: 'pdf', now: NOW };

describe('a report job: what the CLI, the HTTP API and the app ask the engine for', () => {
  it('reads the inputs as the CLI names them, bare dates through their end', () => {
    const job = reportJobOf({ dataDir: '/d', format: 'html', from: '2025-10', to: '2025-10', tz: 'Europe/Oslo', sla: 99.5, slaHours: 'business' }, CLI_LABELS, NOW);
    assert.deepEqual(job, {
      dataDir: '/d',
      from: Date.UTC(2025, 8, 30, 22) / 1000,
      to: Date.UTC(2025, 9, 31, 23) / 1000,
      zone: 'Europe/Oslo',
      format: 'html',
      sla: { target: 0.995, hours: { weekdays: [1, 2, 3, 4, 5], start: 540, end: 1020 }, minOutageSeconds: 0 },
      now: NOW,
    });
    assert.ok(reportJobSchema.safeParse(job).success, 'a job crosses to the worker as its schema says');
  });

  it('leaves the zone to the process that makes the report when none is asked for', () => {
    assert.equal(reportJobOf({ dataDir: '/d', format: 'md' }, CLI_LABELS, NOW).zone, null);
  });

  it('refuses a bad input naming it as the asking side does', () => {
    const http = { from: 'from', to: 'to', tz: 'tz', slaHours: 'sla-hours' };
    assert.throws(() => reportJobOf({ dataDir: '/d', format: 'md', from: 'soon' }, http, NOW), /^UserError: from: cannot read "soon"/);
    assert.throws(() => reportJobOf({ dataDir: '/d', format: 'md', tz: 'Nowhere/Town' }, CLI_LABELS, NOW), /^UserError: --tz: unknown time zone/);
    assert.throws(() => reportJobOf({ dataDir: '/d', format: 'md', from: '2025-10-02', to: '2025-10-01' }, http, NOW), /^UserError: from must be before to$/);
    assert.throws(() => reportJobOf({ dataDir: '/d', format: 'md', sla: 99, slaHours: 'sometimes' }, http, NOW), /^UserError: sla-hours: "sometimes"/);
  });

  it('refuses a job or a reply that does not follow the schema', () => {
    assert.equal(reportJobSchema.safeParse({ ...JOB, format: 'docx' }).success, false);
    assert.equal(reportJobSchema.safeParse({ ...JOB, extra: 1 }).success, false);
    assert.equal(reportReplySchema.safeParse({ type: 'done', bytes: 'not bytes' }).success, false);
    assert.equal(reportReplySchema.safeParse({ type: 'done', bytes: new Uint8Array(3) }).success, true);
    assert.equal(reportReplySchema.safeParse({ type: 'failed', message: 'x' }).success, false);
  });

  it('names the file for what it holds', () => {
    assert.equal(reportFileName(JOB), 'nom-report-2026-11-23.pdf');
    assert.equal(reportFileName({ ...JOB, format: 'seed', target: 'my isp/2' }), 'nom-report-my_isp_2-2026-11-23.txt');
    assert.equal(reportFileName({ ...JOB, format: 'csv', from: Date.UTC(2026, 9, 1) / 1000, to: Date.UTC(2026, 10, 1) / 1000 }), 'nom-report-2026-10-01-to-2026-10-31.csv');
    assert.equal(reportFileName({ ...JOB, from: Date.UTC(2026, 9, 1) / 1000 }), 'nom-report-2026-10-01-to-2026-11-23.pdf');
  });
});

describe('the report queue', () => {
  it('makes one report at a time, in the order asked', async () => {
    const log: string[] = [];
    let running = 0;
    const queue = new ReportQueue(async (job) => {
      running++;
      assert.equal(running, 1, 'never two at once');
      log.push(`start ${job.now}`);
      await sleep(20);
      log.push(`end ${job.now}`);
      running--;
      return new Uint8Array([job.now]);
    });
    const results = await Promise.all([1, 2, 3].map((now) => queue.run({ ...JOB, now })));
    assert.deepEqual(results.map((r) => r[0]), [1, 2, 3]);
    assert.deepEqual(log, ['start 1', 'end 1', 'start 2', 'end 2', 'start 3', 'end 3']);
  });

  it('does not make a report whose asker went away while it waited, and stops all on close', async () => {
    const made: number[] = [];
    const signals: AbortSignal[] = [];
    const queue = new ReportQueue((job, signal) => {
      made.push(job.now);
      signals.push(signal);
      return new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(signal.reason as Error)));
    });
    const running = queue.run({ ...JOB, now: 1 });
    const gone = new AbortController();
    const waiting = queue.run({ ...JOB, now: 2 }, gone.signal);
    const third = queue.run({ ...JOB, now: 3 });
    while (made.length === 0) await sleep(1);
    gone.abort(new Error('the client went away'));
    queue.close();
    await assert.rejects(running, /server is stopping/);
    await assert.rejects(waiting, /client went away/);
    await assert.rejects(third, /server is stopping/);
    assert.deepEqual(made, [1], 'only the first was ever started');
    await assert.rejects(queue.run(JOB), /server is stopping/);
  });

  it('goes on after a report fails', async () => {
    const queue = new ReportQueue((job) => (job.now === 1 ? Promise.reject(new Error('broken')) : Promise.resolve(new Uint8Array([7]))));
    await assert.rejects(queue.run({ ...JOB, now: 1 }), /broken/);
    assert.deepEqual([...(await queue.run({ ...JOB, now: 2 }))], [7]);
  });

  it('refuses a report past the waiting limit, and takes one again once there is room', async () => {
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const queue = new ReportQueue(() => gate.then(() => new Uint8Array(1)), 2);
    const first = [queue.run(JOB), queue.run(JOB)];
    await assert.rejects(queue.run(JOB), (err) => err instanceof ReportsBusy && err.retryAfterSeconds > 0);
    release();
    await Promise.all(first);
    assert.equal((await queue.run(JOB)).length, 1);
  });
});
