import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { httpFetchText } from '../../../src/core/monitors/ddns/fetch-text.js';
import { startIpProvider, type IpProvider, type ProviderMode } from '../../lab/ip-provider-server.js';

const providers: IpProvider[] = [];
after(() => Promise.all(providers.map((p) => p.close())));

/** Providers on loopback in this process: nothing leaves the machine. */
async function provider(mode: ProviderMode, host = '127.0.0.1'): Promise<IpProvider> {
  const started = await startIpProvider(host, 0, mode);
  providers.push(started);
  return started;
}

const get = (url: string, signal = new AbortController().signal, family: 4 | 6 = 4) => httpFetchText(url, { family, signal, maxBytes: 1024 });

async function until(what: string, check: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !check(); i++) await sleep(10);
  assert.ok(check(), `never ${what}`);
}

describe('ddns: asking one provider over HTTP', () => {
  it('returns the body of a 2xx answer', async () => {
    assert.equal(await get((await provider({ kind: 'echo' })).url), '127.0.0.1\n');
    assert.equal(await get((await provider({ kind: 'answer', text: '203.0.113.9' })).url), '203.0.113.9\n');
  });

  it('connects over IPv6 when asked to', async () => {
    const v6 = await provider({ kind: 'echo' }, '::1');
    assert.equal(v6.url, `http://[::1]:${new URL(v6.url).port}/`);
    assert.equal(await get(v6.url, undefined, 6), '::1\n');
  });

  it('refuses error statuses and does not follow redirects', async () => {
    await assert.rejects(get((await provider({ kind: 'status', code: 500 })).url), /^Error: HTTP 500 Internal Server Error$/);
    await assert.rejects(get((await provider({ kind: 'status', code: 404 })).url), /HTTP 404/);
    await assert.rejects(get((await provider({ kind: 'status', code: 301 })).url), /HTTP 301/);
  });

  it('cuts off a body that never ends and closes the connection', async () => {
    const huge = await provider({ kind: 'huge' });
    await assert.rejects(get(huge.url), /answer longer than 1024 bytes/);
    await until('closed the connection', () => huge.openConnections === 0);
  });

  it('refuses a declared 10 MB body before reading it', async () => {
    const huge = await provider({ kind: 'huge-declared' });
    await assert.rejects(get(huge.url), /answer longer than 1024 bytes/);
    await until('closed the connection', () => huge.openConnections === 0);
  });

  it('ends a request that gets no answer as soon as its signal aborts', async () => {
    const hung = await provider({ kind: 'hang' });
    const stop = new AbortController();
    const asked = get(hung.url, stop.signal);
    await until('received the request', () => hung.requests === 1);
    stop.abort();
    await assert.rejects(asked, /abort/i);
    await until('closed the connection', () => hung.openConnections === 0);
  });

  it('reports a refused connection', async () => {
    const gone = await provider({ kind: 'echo' });
    await gone.close();
    await assert.rejects(get(gone.url), /ECONNREFUSED/);
  });
});
