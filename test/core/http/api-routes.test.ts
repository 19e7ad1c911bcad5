import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ApiFailure, apiCalls, apiPath, type ApiErrorCode, type ApiHandlers, type ApiValueCall } from '../../../src/shared/api-contract.js';
import { refusal, serveFakes, success, VALUE_CALLS } from './http-fixture.js';

/** A request each call takes, as a client sends it, and as its handler must receive it. */
const EXAMPLES: Record<ApiValueCall, { sent: Record<string, unknown>; parsed: unknown }> = {
  status: { sent: {}, parsed: {} },
  samples: { sent: { target: 'isp', minutes: '5' }, parsed: { target: 'isp', minutes: 5 } },
  history: { sent: { from: '100', to: '200', target: '' }, parsed: { from: 100, to: 200 } },
  outage: { sent: { target: 'isp', start: '150' }, parsed: { target: 'isp', start: 150 } },
  targets: { sent: {}, parsed: {} },
  settings: { sent: {}, parsed: {} },
  'settings-validate': { sent: { config: { version: 99 } }, parsed: { config: { version: 99 } } },
  'settings-save': { sent: { config: {} }, parsed: { config: {} } },
  pause: { sent: { minutes: 15 }, parsed: { minutes: 15, reason: 'paused by the user' } },
  resume: { sent: {}, parsed: {} },
};

const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });

/** A body sent in chunks with no Content-Length, that would never end: the server must stop reading it. */
function endless(): RequestInit {
  const chunk = new TextEncoder().encode(`"${'z'.repeat(64 * 1024)}`);
  return { body: new ReadableStream({ pull: (controller) => controller.enqueue(chunk) }), duplex: 'half' };
}

describe('HTTP API: the routes derived from apiCalls', () => {
  it('routes every read call from the map, as GET with the query parsed by its schema', async () => {
    const api = await serveFakes();
    const reads = VALUE_CALLS.filter((name) => apiCalls[name].kind === 'read');
    assert.deepEqual(reads, ['status', 'samples', 'history', 'outage', 'targets', 'settings']);
    for (const name of reads) {
      const query = new URLSearchParams(EXAMPLES[name].sent as Record<string, string>).toString();
      const response = await fetch(`${api.url}${apiPath(name)}${query === '' ? '' : `?${query}`}`);
      assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
      assert.deepEqual(await success(response), { call: name, request: EXAMPLES[name].parsed }, name);
    }
    assert.deepEqual(
      api.calls,
      reads.map((name) => [name, EXAMPLES[name].parsed]),
    );
  });

  it('routes every write call from the map, as POST with the JSON body parsed by its schema', async () => {
    const api = await serveFakes();
    const writes = VALUE_CALLS.filter((name) => apiCalls[name].kind === 'write');
    assert.deepEqual(writes, ['settings-validate', 'settings-save', 'pause', 'resume']);
    for (const name of writes) {
      assert.deepEqual(await success(await post(`${api.url}${apiPath(name)}`, EXAMPLES[name].sent)), { call: name, request: EXAMPLES[name].parsed }, name);
    }
    assert.deepEqual(
      api.calls.map(([name]) => name),
      writes,
    );
  });

  it('answers HEAD of a read call with its headers and no body', async () => {
    const api = await serveFakes();
    const head = await fetch(`${api.url}/api/status`, { method: 'HEAD' });
    assert.equal(head.status, 200);
    assert.match(head.headers.get('content-type') ?? '', /^application\/json/);
    assert.equal(await head.text(), '');
  });

  it('refuses a query its schema does not take with 400, naming the field, and calls nothing', async () => {
    const api = await serveFakes();
    const cases: [string, RegExp][] = [
      ['/api/samples?minutes=0', /^minutes: /],
      ['/api/samples?minutes=lots', /^minutes: /],
      ['/api/history?from=200&to=100', /^to: must be after from$/],
      ['/api/history?from=1', /^to: /],
      ['/api/outage?target=isp&start=-5', /^start: /],
      ['/api/status?colour=red', /^unknown parameter "colour"$/],
      ['/api/samples?target=a&target=b', /^give "target" once$/],
      ['/api/status?a%0Ab=1', /^unknown parameter "a\\u000ab"$/],
    ];
    for (const [path, expected] of cases) {
      const error = await refusal(await fetch(`${api.url}${path}`), 400);
      assert.equal(error.code, 'bad-request');
      assert.match(error.message, expected, path);
    }
    assert.deepEqual(api.calls, []);
  });

  it('refuses a body its schema does not take, or that is not JSON, with 400, and calls nothing', async () => {
    const api = await serveFakes();
    const pause = `${api.url}/api/pause`;
    const cases: [Promise<Response>, RegExp][] = [
      [post(pause, { minutes: 30 }), /^minutes: /],
      [post(pause, { minutes: 15, reason: 7 }), /^reason: /],
      [post(pause, { minutes: 15, colour: 'red' }), /^unknown parameter "colour"$/],
      [post(pause, '{"minutes": 15'), /^the body is not valid JSON$/],
      [post(pause, ''), /^the body is not valid JSON$/],
      [post(pause, { minutes: 15, reason: 'x'.repeat(300 * 1024) }), /^the body is larger than 256 KB$/],
      [fetch(pause, { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: '{"minutes":15}' }), /^the body must be JSON, sent with Content-Type: application\/json$/],
      [fetch(pause, { method: 'POST', body: new URLSearchParams({ minutes: '15' }) }), /Content-Type: application\/json/],
      [fetch(pause, { method: 'POST', headers: { 'Content-Type': 'application/json' }, ...endless() }), /^the body is larger than 256 KB$/],
    ];
    for (const [response, expected] of cases) assert.match((await refusal(await response, 400)).message, expected);
    assert.deepEqual(api.calls, []);
  });

  it('takes a JSON body with a charset and one just under the limit', async () => {
    const api = await serveFakes();
    const reason = 'x'.repeat(200);
    const value = await success(await post(`${api.url}/api/pause`, { minutes: null, reason }, { 'Content-Type': 'application/json; charset=utf-8' }));
    assert.deepEqual(value, { call: 'pause', request: { minutes: null, reason } });
    const padded = JSON.stringify({ config: { pad: 'y'.repeat(256 * 1024 - 40) } });
    assert.ok(padded.length <= 256 * 1024);
    assert.equal((await post(`${api.url}/api/settings-validate`, padded)).status, 200);
  });

  it('answers a wrong method with 405 and Allow, and an unknown path with 404, as envelopes', async () => {
    const api = await serveFakes();
    const getWrite = await fetch(`${api.url}/api/pause`);
    assert.equal(getWrite.headers.get('allow'), 'POST');
    assert.match((await refusal(getWrite, 405)).message, /^GET is not allowed here: use POST$/);
    for (const path of ['/api/status', '/api/report', '/api/events']) {
      const response = await post(`${api.url}${path}`, {});
      assert.equal(response.headers.get('allow'), 'GET, HEAD', path);
      const error = await refusal(response, 405);
      assert.deepEqual(error, { code: 'bad-request', message: 'POST is not allowed here: use GET' });
    }
    assert.equal((await fetch(`${api.url}/api/status`, { method: 'DELETE' })).headers.get('allow'), 'GET, HEAD');
    assert.deepEqual(await refusal(await fetch(`${api.url}/api/nothing`), 404), { code: 'not-found', message: 'no such path: /api/nothing' });
    assert.deepEqual(await refusal(await post(`${api.url}/api/nothing`, {}), 404), { code: 'not-found', message: 'no such path: /api/nothing' });
    assert.deepEqual(api.calls, []);
  });

  it("turns a handler's ApiFailure into its envelope and status", async () => {
    const statuses: [ApiErrorCode, number][] = [
      ['bad-request', 400],
      ['not-found', 404],
      ['forbidden', 403],
      ['busy', 503],
      ['unavailable', 409],
      ['internal', 500],
    ];
    let code: ApiErrorCode = 'bad-request';
    const api = await serveFakes({ handlers: failing(() => new ApiFailure(code, `refused as ${code}\nsecond line`)) });
    for (const [c, status] of statuses) {
      code = c;
      const response = await fetch(`${api.url}/api/status`);
      if (c === 'busy') assert.equal(response.headers.get('retry-after'), '5');
      assert.deepEqual(await refusal(response, status), { code: c, message: `refused as ${c}\\u000asecond line` });
    }
    assert.deepEqual(
      api.lines.filter((l) => /ERROR/.test(l)),
      [],
      'a refusal is not a fault',
    );
  });

  it('answers anything else a handler throws as internal, with the stack in one log line', async () => {
    const api = await serveFakes({ handlers: failing(() => new TypeError('cannot read the store')) });
    assert.deepEqual(await refusal(await post(`${api.url}/api/resume`, {}), 500), { code: 'internal', message: 'internal error: the daemon log has the details' });
    const errors = api.lines.filter((l) => /ERROR/.test(l));
    assert.equal(errors.length, 1);
    assert.match(errors[0]!, /HTTP POST \/api\/resume: TypeError: cannot read the store \| at /);
    assert.doesNotMatch(errors[0]!, /\n/);
  });
});

/** Handlers for every call that each throw what `error` makes. */
function failing(error: () => Error): ApiHandlers {
  return Object.fromEntries(VALUE_CALLS.map((name) => [name, () => Promise.reject(error())])) as unknown as ApiHandlers;
}
