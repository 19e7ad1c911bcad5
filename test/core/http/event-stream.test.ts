import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Hono } from 'hono';
import { eventStreams } from '../../../src/core/http/event-stream.js';
import { createLogger } from '../../../src/core/log.js';
import { busEvent, type BusEvent } from '../../../src/shared/live-events.js';
import { refusal, serveFakes } from './http-fixture.js';

const STATE: BusEvent = { type: 'state', target: 'isp', state: 'down', since: 1_700_000_000, cause: null };
const PROBE: BusEvent = { type: 'probe', target: 'isp', at_ms: 1_700_000_001_000, rtt_ms: 12.5 };
const decoder = new TextDecoder();

/** Reads a stream's text until `done` says it has what the test waits for. */
async function readUntil(reader: ReadableStreamDefaultReader<Uint8Array>, done: (text: string) => boolean): Promise<string> {
  let text = '';
  while (!done(text)) {
    const chunk = await reader.read();
    if (chunk.done) throw new Error(`the stream ended after ${JSON.stringify(text)}`);
    text += decoder.decode(chunk.value);
  }
  return text;
}

/** The bus events in a stream's text: every `data:` line. */
const dataOf = (text: string) =>
  text
    .split('\n')
    .filter((line) => line.startsWith('data: '))
    .map((line) => busEvent.parse(JSON.parse(line.slice('data: '.length))));

/** Returns once the stream has ended, cleanly or cut off: either way the client's EventSource reconnects. */
async function ended(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<void> {
  try {
    while (!(await reader.read()).done);
  } catch {
    return;
  }
}

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; !condition(); i++) {
    if (i > 200) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('HTTP API: the live events as Server-Sent Events', () => {
  it('sends each bus event as one data line of JSON, from the moment the client connects', async () => {
    const api = await serveFakes();
    api.emit(PROBE);
    const response = await fetch(`${api.url}/api/events`);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'text/event-stream; charset=utf-8');
    assert.equal(response.headers.get('cache-control'), 'no-store');
    const reader = response.body!.getReader();
    assert.match(await readUntil(reader, (t) => t.endsWith('\n\n')), /^retry: \d+\n\n$/);
    assert.equal(api.listeners.size, 1);
    api.emit(STATE);
    api.emit(PROBE);
    const text = await readUntil(reader, (t) => dataOf(t).length === 2);
    assert.deepEqual(dataOf(text), [STATE, PROBE]);
    assert.match(text, /^data: \{.*\}\n\ndata: \{.*\}\n\n$/);
    await reader.cancel();
  });

  it('unsubscribes from the bus when the client leaves', async () => {
    const api = await serveFakes();
    const left = new AbortController();
    const response = await fetch(`${api.url}/api/events`, { signal: left.signal });
    await until(() => api.listeners.size === 1);
    left.abort();
    await response.body?.cancel().catch(() => undefined);
    await until(() => api.listeners.size === 0);
    api.emit(STATE);
  });

  it('ends every open stream when the server closes, and closing does not wait on them', async () => {
    const api = await serveFakes();
    const readers = await Promise.all([1, 2].map(async () => (await fetch(`${api.url}/api/events`)).body!.getReader()));
    await until(() => api.listeners.size === 2);
    await api.server.close();
    assert.equal(api.listeners.size, 0);
    for (const reader of readers) await ended(reader);
  });

  it('answers HEAD without opening a stream, and refuses a query it does not take', async () => {
    const api = await serveFakes();
    const head = await fetch(`${api.url}/api/events`, { method: 'HEAD' });
    assert.equal(head.status, 200);
    assert.equal(head.headers.get('content-type'), 'text/event-stream; charset=utf-8');
    assert.equal(api.listeners.size, 0);
    assert.match((await refusal(await fetch(`${api.url}/api/events?since=5`), 400)).message, /^unknown parameter "since"$/);
  });
});

describe('the event stream on its own', () => {
  /** The stream module behind a bare app, with a bus the test drives. */
  function bareStreams() {
    const listeners = new Set<(event: BusEvent) => void>();
    const lines: string[] = [];
    const streams = eventStreams(
      (listener) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
      createLogger('test', { write: (line) => lines.push(line) }),
    );
    const app = new Hono().get('/api/events', (c) => streams.answer(c));
    return { app, listeners, lines };
  }

  it('writes a comment every 15 seconds, so that no proxy closes a quiet stream', async (t) => {
    t.mock.timers.enable({ apis: ['setInterval'] });
    const { app } = bareStreams();
    const reader: ReadableStreamDefaultReader<Uint8Array> = (await app.request('/api/events')).body!.getReader();
    await readUntil(reader, (text) => text.startsWith('retry:'));
    let heard = '';
    const next = reader.read().then((chunk) => (heard = decoder.decode(chunk.value)));
    t.mock.timers.tick(14_999);
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(heard, '', 'nothing before 15 s');
    t.mock.timers.tick(1);
    await next;
    assert.equal(heard, ': still here\n\n');
    t.mock.timers.tick(15_000);
    assert.equal(await readUntil(reader, (text) => text.length > 0), ': still here\n\n');
    await reader.cancel();
  });

  it('ends the stream of a client that reads too slowly, rather than holding ever more for it', async () => {
    const { app, listeners, lines } = bareStreams();
    const response = await app.request('/api/events');
    const big: BusEvent = { type: 'health', at: 1, probing: false, detail: 'x'.repeat(500) };
    for (let i = 0; i < 4_000 && listeners.size > 0; i++) for (const l of listeners) l(big);
    assert.equal(listeners.size, 0, 'no longer subscribed');
    assert.match(lines.join('\n'), /WARN .*an event stream was ended: its client reads too slowly/);
    const text = await response.text();
    assert.ok(text.length > 1024 * 1024, 'what was queued is still delivered');
    assert.ok(text.endsWith('\n\n'), 'whole events only');
  });
});
