import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after } from 'node:test';
import { z } from 'zod';
import { startHttpServer, type ApiServerDeps, type RunningServer } from '../../../src/core/http/http-server.js';
import { createLogger } from '../../../src/core/log.js';
import { apiCalls, apiResult, type ApiError, type ApiHandlers, type ApiValueCall } from '../../../src/shared/api-contract.js';
import type { BusEvent } from '../../../src/shared/live-events.js';
import { tempDir } from '../../support/tmp.js';

/** The server from source, with handlers that say what they were asked, a bus the test drives, and a log it reads. */
export interface FakeServer {
  server: RunningServer;
  url: string;
  /** Every handler call, in order: its name and the request as parsed. */
  calls: [ApiValueCall, unknown][];
  /** The SSE clients subscribed now. */
  listeners: Set<(event: BusEvent) => void>;
  lines: string[];
  emit(event: BusEvent): void;
}

export const VALUE_CALLS = (Object.keys(apiCalls) as (keyof typeof apiCalls)[]).filter(
  (name): name is ApiValueCall => apiCalls[name].kind === 'read' || apiCalls[name].kind === 'write',
);

/** Each handler answers its own name and what it was given, so a test sees the route reached the right one. */
function echoHandlers(calls: FakeServer['calls']): ApiHandlers {
  const entries = VALUE_CALLS.map((name) => [
    name,
    (request: unknown) => {
      calls.push([name, request]);
      return Promise.resolve({ call: name, request });
    },
  ]);
  return Object.fromEntries(entries) as ApiHandlers;
}

export async function serveFakes(options: Partial<ApiServerDeps> = {}): Promise<FakeServer> {
  const calls: FakeServer['calls'] = [];
  const listeners = new Set<(event: BusEvent) => void>();
  const lines: string[] = [];
  const server = await startHttpServer(
    { host: '127.0.0.1', port: 0 },
    {
      handlers: echoHandlers(calls),
      subscribe: (listener) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
      dataDir: tempDir(),
      reports: { run: () => Promise.reject(new Error('no report in this test')), close() {} },
      now: () => 1_700_000_000,
      liveTargets: () => [],
      uiDir: tempDir(),
      token: null,
      log: createLogger('test', { minLevel: 'debug', write: (line) => lines.push(line) }),
      ...options,
    },
  );
  after(() => server.close());
  return { server, url: server.url, calls, listeners, lines, emit: (event) => listeners.forEach((l) => l(event)) };
}

const anyResult = apiResult(z.unknown());

/** The envelope of a refusal, checked against the contract, with its status and one-line message. */
export async function refusal(response: Response, status: number): Promise<ApiError> {
  assert.equal(response.status, status);
  assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
  const body = anyResult.parse(await response.json());
  assert.ok(!body.ok, 'a refusal');
  assert.doesNotMatch(body.error.message, /\n/, 'one line');
  return body.error;
}

/** The value of a success envelope, checked against the contract. */
export async function success(response: Response): Promise<unknown> {
  assert.equal(response.status, 200);
  const body = anyResult.parse(await response.json());
  assert.ok(body.ok, JSON.stringify(body));
  return body.value;
}

/**
 * A GET as a client that fetch() cannot play sends it: with its own Host header, or a path
 * with `..` that fetch would resolve away before sending.
 */
export function rawGet(url: string, path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ host: hostname, port, path, headers }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}
