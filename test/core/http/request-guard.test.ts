import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { SEED_LOGS } from '../../support/fixtures.js';
import { tempDir } from '../../support/tmp.js';
import { rawGet, refusal, serveFakes, success } from './http-fixture.js';

const TOKEN = 'k3Jv0q7bS2x9_WmZ-pL4cRt8uYh1aE6nD5fG0iJ2oQs';
const NEEDS = 'this server needs its access token: open the address the daemon printed when it first started';

const post = (url: string, headers: Record<string, string> = {}) => fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: '{}' });

describe('HTTP API: calls that change state come only from its own pages', () => {
  it('refuses a POST from another origin, or that a browser says is cross-site, and calls nothing', async () => {
    const api = await serveFakes();
    const refused: Record<string, string>[] = [
      { Origin: 'http://evil.example' },
      { Origin: `${api.url.replace('127.0.0.1', 'localhost')}` },
      { Origin: 'null' },
      { 'Sec-Fetch-Site': 'cross-site' },
      { 'Sec-Fetch-Site': 'same-site' },
      { Origin: api.url, 'Sec-Fetch-Site': 'cross-site' },
    ];
    for (const headers of refused) {
      const error = await refusal(await post(`${api.url}/api/resume`, headers), 403);
      assert.equal(error.code, 'forbidden', JSON.stringify(headers));
      assert.match(error.message, /cannot change this server's state$/);
    }
    assert.deepEqual(api.calls, []);
  });

  it('takes a POST from its own pages, and from a client that is no page at all', async () => {
    const api = await serveFakes();
    const taken: Record<string, string>[] = [{}, { Origin: api.url }, { Origin: api.url, 'Sec-Fetch-Site': 'same-origin' }, { 'Sec-Fetch-Site': 'none' }];
    for (const headers of taken) await success(await post(`${api.url}/api/resume`, headers));
    assert.equal(api.calls.length, taken.length);
  });

  it('leaves reads alone: another site cannot read their answers anyway', async () => {
    const api = await serveFakes();
    await success(await fetch(`${api.url}/api/status`, { headers: { Origin: 'http://evil.example', 'Sec-Fetch-Site': 'cross-site' } }));
  });
});

describe('HTTP API: the access token, off loopback', () => {
  it('says a missing token is needed (401), and refuses a wrong one (403), before anything is called', async () => {
    const api = await serveFakes({ token: TOKEN });
    const missing = await fetch(`${api.url}/api/status`);
    assert.equal(missing.headers.get('www-authenticate'), 'Bearer');
    assert.deepEqual(await refusal(missing, 401), { code: 'forbidden', message: NEEDS });
    assert.deepEqual(await refusal(await post(`${api.url}/api/resume`), 401), { code: 'forbidden', message: NEEDS });
    assert.deepEqual(await refusal(await fetch(`${api.url}/api/status`, { headers: { Authorization: `Basic ${TOKEN}` } }), 401), { code: 'forbidden', message: NEEDS });
    const wrong = [
      fetch(`${api.url}/api/status`, { headers: { Authorization: `Bearer ${TOKEN}x` } }),
      fetch(`${api.url}/api/status`, { headers: { Authorization: `Bearer ${TOKEN.slice(0, -1)}` } }),
      fetch(`${api.url}/api/status?token=nope`),
      fetch(`${api.url}/api/status?token=${TOKEN}&token=${TOKEN}`),
      fetch(`${api.url}/api/status?token=`),
    ];
    for (const response of wrong) {
      const error = await refusal(await response, 403);
      assert.equal(error.code, 'forbidden');
      assert.match(error.message, /^the access token is not this server's/);
    }
    assert.equal((await fetch(`${api.url}/api/nothing`)).status, 401, 'not even which paths exist');
    assert.deepEqual(api.calls, []);
  });

  it('takes the right token in the Authorization header or in the query, which the call never sees', async () => {
    const api = await serveFakes({ token: TOKEN });
    await success(await fetch(`${api.url}/api/status`, { headers: { Authorization: `Bearer ${TOKEN}` } }));
    await success(await fetch(`${api.url}/api/status?token=${TOKEN}`));
    assert.deepEqual(await success(await fetch(`${api.url}/api/samples?minutes=5&token=${TOKEN}`)), { call: 'samples', request: { minutes: 5 } });
    await success(await post(`${api.url}/api/resume`, { Authorization: `bearer ${TOKEN}` }));
    // A proxy's own Basic authorization in front of the daemon leaves the query's token to be read.
    await success(await fetch(`${api.url}/api/status?token=${TOKEN}`, { headers: { Authorization: 'Basic dXNlcjpwYXNz' } }));
    assert.deepEqual(
      api.calls.map(([name]) => name),
      ['status', 'status', 'samples', 'resume', 'status'],
    );
  });

  it('takes it in the query of a download link and of an EventSource, which cannot set headers', async () => {
    const asked: unknown[] = [];
    const reports = {
      run: (job: unknown) => {
        asked.push(job);
        return Promise.resolve(new TextEncoder().encode('# report\n'));
      },
      close() {},
    };
    const api = await serveFakes({ token: TOKEN, dataDir: SEED_LOGS, reports });
    assert.equal((await fetch(`${api.url}/api/report?format=md`)).status, 401);
    const report = await fetch(`${api.url}/api/report?format=md&token=${TOKEN}`);
    assert.equal(report.status, 200);
    assert.equal(await report.text(), '# report\n');
    assert.equal(asked.length, 1);
    assert.equal((await fetch(`${api.url}/api/events`)).status, 401);
    const events = await fetch(`${api.url}/api/events?token=${TOKEN}`);
    assert.equal(events.status, 200);
    assert.equal(events.headers.get('content-type'), 'text/event-stream; charset=utf-8');
    await events.body?.cancel();
  });

  it('asks no token of the dashboard itself: the page must load to read the token from its address', async () => {
    const uiDir = tempDir();
    writeFileSync(join(uiDir, 'index.html'), '<!doctype html><title>nom</title>');
    writeFileSync(join(uiDir, 'app.js'), 'export {};');
    const api = await serveFakes({ token: TOKEN, uiDir });
    assert.equal((await fetch(`${api.url}/`)).status, 200);
    assert.equal((await fetch(`${api.url}/?token=${TOKEN}`)).status, 200);
    assert.equal((await fetch(`${api.url}/app.js`)).status, 200);
  });

  it('still answers only to its own names and addresses, token or not', async () => {
    const api = await serveFakes({ token: TOKEN });
    const { port } = new URL(api.url);
    const response = await rawGet(api.url, `/api/status?token=${TOKEN}`, { host: `rebound.example:${port}` });
    assert.equal(response.status, 421);
    assert.deepEqual(JSON.parse(response.body), { ok: false, error: { code: 'forbidden', message: 'this server answers only to its own names and addresses' } });
    assert.deepEqual(api.calls, []);
  });
});
