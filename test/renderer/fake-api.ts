import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { apiCalls, apiPath, apiResult, type ApiCallName, type HistoryValue, type StatusValue } from '../../src/shared/api-contract.js';
import { nomConfig } from '../../src/shared/config-schema.js';
import { busEvent, type BusEvent, type TargetState } from '../../src/shared/live-events.js';
import { historyOf, initialConfig, outageDetail, outagesIn, samplesOf, statusOf, TARGETS } from './fake-data.js';

/**
 * A stand-in for `nom daemon --http` for the dashboard's browser test: it serves the built
 * bundle under the page's real policy and answers every call of the contract with made-up
 * records, each answer checked against the contract before it is sent. Events are pushed by
 * the test into the one SSE stream.
 */
export const UI_DIR = fileURLToPath(new URL('../../dist/renderer/', import.meta.url));
export const POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'";
const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.map': 'application/json' };

export interface FakeApi {
  url: string;
  /** Every request, as `METHOD /path?query`. */
  requests: string[];
  /** Sends an event to every open stream; `raw` sends the text as it is (to check that invalid events are dropped). */
  push: (event: BusEvent | { raw: string }) => void;
  /** Changes a target's state as the daemon would: in its status and as a `state` event. */
  setState: (target: string, state: TargetState) => void;
  /** Whether probes can be made, as the runtime says it: in its status and as a `health` event. */
  setProbing: (probing: StatusValue['probing']) => void;
  streams: () => number;
  /** The configuration as last saved. */
  config: () => unknown;
  close: () => Promise<void>;
}

/** `config`: the settings it starts with, when a test needs other ones than fake-data's. */
export async function startFakeApi(options: { token: string; outagesPerYear: number; config?: unknown }): Promise<FakeApi> {
  const requests: string[] = [];
  const streams = new Set<ServerResponse>();
  const states = new Map<string, TargetState>();
  const since = new Map<string, number>();
  let paused: StatusValue['paused'] = null;
  let config: unknown = options.config ?? initialConfig();
  const histories = new Map<string, HistoryValue>();
  const now = () => Date.now() / 1000;
  let probing: StatusValue['probing'] | null = null;
  const status = () => ({ ...statusOf(now(), options.outagesPerYear, states, since, paused), ...(probing && { probing }) });

  const push = (event: BusEvent | { raw: string }) => {
    const text = 'raw' in event ? event.raw : JSON.stringify(busEvent.parse(event));
    for (const s of streams) s.write(`data: ${text}\n\n`);
  };
  const issuesOf = (c: unknown) => {
    const parsed = nomConfig.safeParse(c);
    return parsed.success ? [] : parsed.error.issues.map((i) => ({ path: i.path.filter((k) => typeof k !== 'symbol'), message: i.message }));
  };
  const values: Record<Exclude<ApiCallName, 'report' | 'events'>, (q: Record<string, unknown>) => unknown> = {
    status,
    samples: () => ({ targets: samplesOf(Date.now()) }),
    history: (q) => {
      // A year takes the fake a good part of a second to make up: kept, so that timings measure the page.
      const key = `${String(q.from)}-${String(q.to)}`;
      const known = histories.get(key) ?? historyOf(Number(q.from), Number(q.to), options.outagesPerYear, now());
      histories.set(key, known);
      return known;
    },
    outage: (q) => {
      const start = Number(q.start);
      const o = outagesIn(start, start + 1, options.outagesPerYear, now()).find((x) => x.target === q.target);
      return o === undefined ? null : outageDetail(o);
    },
    targets: () => ({ targets: TARGETS.map((t) => ({ name: t.name })) }),
    settings: () => ({ config, path: '/etc/nom/home.json', dataDir: '/var/lib/nom' }),
    'settings-validate': (q) => ({ issues: issuesOf(q.config) }),
    'settings-save': (q) => {
      const issues = issuesOf(q.config);
      if (issues.length === 0) config = q.config;
      return { issues, saved: issues.length === 0, restarted: issues.length === 0 ? ['updown'] : [] };
    },
    pause: (q) => {
      const at = Math.floor(now());
      paused = { since: at, until: q.minutes === null ? null : at + Number(q.minutes) * 60, reason: 'paused by the user' };
      push({ type: 'pause', at, until: paused.until, reason: paused.reason });
      return status();
    },
    resume: () => {
      paused = null;
      push({ type: 'resume', at: Math.floor(now()) });
      return status();
    },
  };

  const server = createServer((req, res) => {
    requests.push(`${req.method ?? ''} ${req.url ?? ''}`);
    void answer(req, res).catch((err: unknown) => {
      res.writeHead(500).end(String(err));
    });
  });

  async function answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    res.setHeader('Content-Security-Policy', POLICY);
    if (!url.pathname.startsWith('/api/')) return serveFile(url.pathname, res);
    const given = req.headers.authorization?.replace(/^Bearer /, '') ?? url.searchParams.get('token');
    if (given !== options.token) return json(res, 401, { ok: false, error: { code: 'forbidden', message: 'this server needs its access token' } });
    const name = url.pathname.slice('/api/'.length) as ApiCallName;
    const call = apiCalls[name] as (typeof apiCalls)[ApiCallName] | undefined;
    if (call === undefined || apiPath(name) !== url.pathname) return json(res, 404, { ok: false, error: { code: 'not-found', message: `no such path: ${url.pathname}` } });
    const query = Object.fromEntries([...url.searchParams].filter(([k]) => k !== 'token'));
    if (call.kind === 'stream') return openStream(res);
    if (call.kind === 'download') return report(req, res, query);
    const input = call.kind === 'write' ? (JSON.parse(await body(req)) as Record<string, unknown>) : query;
    const request = call.request.safeParse(input);
    if (!request.success) return json(res, 400, { ok: false, error: { code: 'bad-request', message: request.error.issues[0]?.message ?? 'bad request' } });
    const value = values[name as keyof typeof values](request.data);
    if (value === null) return json(res, 404, { ok: false, error: { code: 'not-found', message: 'no such outage' } });
    // The fake's own answers must be what the contract promises, or the test proves nothing.
    json(res, 200, apiResult(call.value).parse({ ok: true, value }));
  }

  function openStream(res: ServerResponse): void {
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store' });
    res.write('retry: 1000\n\n');
    streams.add(res);
    res.on('close', () => streams.delete(res));
  }

  function report(req: IncomingMessage, res: ServerResponse, query: Record<string, string>): void {
    const parsed = apiCalls.report.request.safeParse(query);
    if (!parsed.success) return json(res, 400, { ok: false, error: { code: 'bad-request', message: parsed.error.issues[0]?.message ?? 'bad request' } });
    const format = parsed.data.format;
    res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Disposition': `attachment; filename="nom-report-${query.from ?? 'all'}.${format}"` });
    res.end(req.method === 'HEAD' ? undefined : `fake ${format} report ${JSON.stringify(query)}`);
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    push,
    setState(target, state) {
      const at = Math.floor(now());
      states.set(target, state);
      since.set(target, at);
      push({ type: 'state', target, state, since: at, cause: state === 'down' ? 'isp' : null });
    },
    setProbing(next) {
      probing = next;
      push({ type: 'health', at: Math.floor(now()), probing: next.ok, detail: next.detail });
    },
    streams: () => streams.size,
    config: () => config,
    close: () =>
      new Promise((resolve) => {
        for (const s of streams) s.end();
        server.close(() => resolve());
      }),
  };
}

async function serveFile(path: string, res: ServerResponse): Promise<void> {
  const file = path === '/' ? 'index.html' : path.slice(1);
  if (!/^[\w.-]+$/.test(file)) return void res.writeHead(404).end();
  try {
    const bytes = await readFile(join(UI_DIR, file));
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(bytes);
  } catch {
    res.writeHead(404).end();
  }
}

function json(res: ServerResponse, code: number, value: unknown): void {
  res.writeHead(code, { 'Content-Type': 'application/json' }).end(JSON.stringify(value));
}

function body(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
