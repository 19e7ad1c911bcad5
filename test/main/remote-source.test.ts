import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { startHttpServer } from '../../src/core/http/http-server.js';
import { createLogger } from '../../src/core/log.js';
import { ReportQueue } from '../../src/core/report/job/report-queue.js';
import { writeReport } from '../../src/core/report/job/write-report.js';
import { configFileSaver, runtimeHandlers } from '../../src/core/runtime/api-handlers.js';
import { namedZone } from '../../src/core/time/zone.js';
import { localSource } from '../../src/main/local-source.js';
import type { MonitorSource } from '../../src/main/monitor-source.js';
import { remoteSource } from '../../src/main/remote-source.js';
import { ApiFailure, apiCalls, type ApiHandlers } from '../../src/shared/api-contract.js';
import type { BusEvent } from '../../src/shared/live-events.js';
import { outage, runtimeRig, S0 } from '../core/runtime/runtime-rig.js';
import { tempDir } from '../support/tmp.js';

/**
 * The app watching a daemon: remoteSource against the daemon's own HTTP server on 127.0.0.1,
 * serving a real runtime (on a fake clock and a scripted network of documentation addresses),
 * its data folder and reports made by the real engine (in-process: Node 20 cannot start the
 * report worker from source). What the app sees through it must be what it would see of that
 * runtime in-process (localSource).
 */
const TOKEN = 'remote-source-test-token-0123456789abcdef';
const quiet = createLogger('test', { write: () => undefined });

/** The report engine in this thread, as the worker runs it. */
function inProcessReports(): ReportQueue {
  return new ReportQueue(async (job) => {
    const chunks: Buffer[] = [];
    await writeReport(job, (chunk) => void chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk)));
    return new Uint8Array(Buffer.concat(chunks));
  });
}

/** A daemon's HTTP face for `handlers` and a runtime's bus; counts its live-event clients. */
async function serveDaemon(rig: ReturnType<typeof runtimeRig>, dataDir: string, handlers: ApiHandlers, options: { token?: string; port?: number } = {}) {
  let streams = 0;
  const server = await startHttpServer(
    { host: '127.0.0.1', port: options.port ?? 0 },
    {
      handlers,
      subscribe: (listener) => {
        streams += 1;
        const off = rig.runtime.bus.onAny(listener);
        return () => {
          streams -= 1;
          off();
        };
      },
      dataDir,
      reports: inProcessReports(),
      now: () => rig.runtime.status().now,
      liveTargets: () => rig.runtime.liveTargets(),
      uiDir: tempDir(),
      token: options.token ?? null,
      log: quiet,
    },
  );
  return { server, streams: () => streams };
}

async function until(check: () => boolean, what: string, withinMs = 10_000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > withinMs) assert.fail(`${what} within ${withinMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function refusalOf(work: Promise<unknown>): Promise<ApiFailure> {
  const err = await work.then(
    () => assert.fail('refused expected'),
    (e: unknown) => e,
  );
  assert.ok(err instanceof ApiFailure, `an ApiFailure, got ${String(err)}`);
  return err;
}

describe('remoteSource: the app watching a daemon over its HTTP API', () => {
  const data = tempDir();
  const rig = runtimeRig(data, outage(20.5, 31));
  const places = { dataDir: data, settings: configFileSaver(null), zone: namedZone('UTC') };
  const local = runtimeHandlers(rig.runtime, places);
  let daemon: Awaited<ReturnType<typeof serveDaemon>>;
  let remote: MonitorSource;

  before(async () => {
    await rig.runtime.start();
    await rig.clock.advance(60_000);
    daemon = await serveDaemon(rig, data, runtimeHandlers(rig.runtime, places));
    remote = remoteSource({ url: daemon.server.url, token: null, log: quiet });
  });
  after(async () => {
    await remote.close();
    await daemon.server.close();
    await rig.stop();
  });

  it('answers status and a history with an outage exactly as the daemon itself does', async () => {
    assert.deepEqual(await remote.api.status({}), await local.status({}));
    const range = apiCalls.history.request.parse({ from: String(S0), to: String(S0 + 3600) });
    const history = await remote.api.history(range);
    assert.deepEqual(history, await local.history(range));
    assert.deepEqual(
      history.outages.map((o) => [o.target, o.start - S0, o.end === null ? null : o.end - S0]),
      [['internet', 21, 31]],
      'the one outage of the scripted network',
    );
  });

  it('passes a refusal of the daemon on with its code and message', async () => {
    const request = apiCalls.samples.request.parse({ target: 'nowhere' });
    const expected = await refusalOf(local.samples(request));
    const refused = await refusalOf(remote.api.samples(request));
    assert.equal(refused.code, 'not-found');
    assert.equal(refused.message, expected.message);
  });

  it("pauses and resumes the daemon's own runtime", async () => {
    const paused = await rig.settle(remote.api.pause({ minutes: 15, reason: 'moving the router' }));
    assert.equal(paused.paused?.reason, 'moving the router');
    assert.deepEqual(rig.runtime.status().paused, paused.paused, "the daemon's runtime is paused");
    const resumed = await rig.settle(remote.api.resume({}));
    assert.equal(resumed.paused, null);
    assert.equal(rig.runtime.status().paused, null);
  });

  it("delivers each event of the daemon's bus once to every listener, over one stream", async () => {
    const first: BusEvent[] = [];
    const second: BusEvent[] = [];
    const offFirst = remote.subscribe((event) => first.push(event));
    const offSecond = remote.subscribe((event) => second.push(event));
    await until(() => daemon.streams() === 1, 'the stream is open');
    const event: BusEvent = { type: 'health', at: S0 + 61, probing: false, detail: 'the helper stopped' };
    rig.runtime.bus.publish(event);
    await until(() => first.length > 0 && second.length > 0, 'the event arrives');
    assert.deepEqual(first, [event]);
    assert.deepEqual(second, [event]);
    assert.equal(daemon.streams(), 1, 'one stream for both listeners');
    offFirst();
    offSecond();
    await until(() => daemon.streams() === 0, 'the stream closes with its last listener');
  });

  it("makes the report where the record is: the daemon's CSV, byte for byte what the app would make of it", async () => {
    const query = apiCalls.report.request.parse({ format: 'csv', target: 'internet', tz: 'UTC' });
    const bytes = await remote.report(query);
    const here = localSource(rig.runtime, { ...places, reports: inProcessReports() });
    assert.deepEqual(Buffer.from(bytes), Buffer.from(await here.report(query)));
    assert.deepEqual(Buffer.from(bytes).toString('utf8').split('\r\n').slice(0, 2), [
      'target,start,end,duration_s,cause,ended_by',
      'internet,2025-10-10T12:00:21+00:00,2025-10-10T12:00:31+00:00,10,isp,up',
    ]);
  });

  it("refuses a report as the daemon does, by the daemon's words", async () => {
    const refused = await refusalOf(remote.report(apiCalls.report.request.parse({ format: 'csv', target: 'no-such-target' })));
    assert.equal(refused.code, 'bad-request');
    assert.match(refused.message, /no-such-target/);
  });
});

describe('remoteSource: a daemon that breaks off, answers nonsense, or is not there', () => {
  it('reconnects its live events after the daemon restarts', async () => {
    const data = tempDir();
    const rig = runtimeRig(data, outage(999, 999));
    const handlers = runtimeHandlers(rig.runtime, { dataDir: data, settings: configFileSaver(null), zone: namedZone('UTC') });
    let daemon = await serveDaemon(rig, data, handlers);
    const port = Number(new URL(daemon.server.url).port);
    const remote = remoteSource({ url: daemon.server.url, token: null, log: quiet });
    const seen: BusEvent[] = [];
    const off = remote.subscribe((event) => seen.push(event));
    try {
      await until(() => daemon.streams() === 1, 'the stream is open');
      await daemon.server.close();
      daemon = await serveDaemon(rig, data, handlers, { port });
      await until(() => daemon.streams() === 1, 'the stream is open again after the restart');
      const event: BusEvent = { type: 'resume', at: S0 + 5 };
      rig.runtime.bus.publish(event);
      await until(() => seen.length > 0, 'the event after the restart arrives');
      assert.deepEqual(seen, [event]);
    } finally {
      off();
      await remote.close();
      await daemon.server.close();
    }
  });

  it('sends its token, in the header, to a daemon that asks for one', async () => {
    const data = tempDir();
    const rig = runtimeRig(data, outage(999, 999));
    await rig.runtime.start();
    const handlers = runtimeHandlers(rig.runtime, { dataDir: data, settings: configFileSaver(null), zone: namedZone('UTC') });
    const daemon = await serveDaemon(rig, data, handlers, { token: TOKEN });
    const withToken = remoteSource({ url: daemon.server.url, token: TOKEN, log: quiet });
    const without = remoteSource({ url: daemon.server.url, token: null, log: quiet });
    try {
      assert.deepEqual(await withToken.api.status({}), rig.runtime.status());
      const refused = await refusalOf(without.api.status({}));
      assert.equal(refused.code, 'forbidden');
      assert.match(refused.message, /needs its access token/);

      const seen: BusEvent[] = [];
      const off = withToken.subscribe((event) => seen.push(event));
      await until(() => daemon.streams() === 1, 'the stream is open with the token');
      const event: BusEvent = { type: 'resume', at: S0 + 9 };
      rig.runtime.bus.publish(event);
      await until(() => seen.length > 0, 'the event arrives');
      assert.deepEqual(seen, [event]);
      off();
    } finally {
      await withToken.close();
      await without.close();
      await daemon.server.close();
      await rig.stop();
    }
  });

  describe('a server that is not a nom daemon', () => {
    let server: Server;
    let url: string;
    let body = '';
    before(async () => {
      server = createServer((_req, res) => res.writeHead(200, { 'Content-Type': 'application/json' }).end(body));
      server.listen(0, '127.0.0.1');
      await once(server, 'listening');
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    after(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it('an envelope that does not match the contract is an internal failure saying so', async () => {
      body = JSON.stringify({ ok: true, value: { now: 'soon' } });
      const refused = await refusalOf(remoteSource({ url, token: null, log: quiet }).api.status({}));
      assert.equal(refused.code, 'internal');
      assert.equal(refused.message, "the monitor's answer to status was not understood: this app and the daemon may be of different versions");
    });

    it('an answer that is not JSON is an internal failure saying so', async () => {
      body = '<html>a router login page</html>';
      const refused = await refusalOf(remoteSource({ url, token: null, log: quiet }).api.targets({}));
      assert.equal(refused.code, 'internal');
      assert.equal(refused.message, "the monitor's answer to targets was not JSON (HTTP 200)");
    });
  });

  it('a daemon that is not there is unavailable, with the address and why', async () => {
    const probe = createServer();
    probe.listen(0, '127.0.0.1');
    await once(probe, 'listening');
    const url = `http://127.0.0.1:${(probe.address() as AddressInfo).port}`;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const remote = remoteSource({ url, token: null, log: quiet });
    const refused = await refusalOf(remote.api.status({}));
    assert.equal(refused.code, 'unavailable');
    assert.equal(refused.message, `the daemon at ${url} cannot be reached: nothing answers at that port (connection refused): is the daemon running with --http?`);
    const report = await refusalOf(remote.report(apiCalls.report.request.parse({ format: 'csv' })));
    assert.equal(report.code, 'unavailable');
  });
});
