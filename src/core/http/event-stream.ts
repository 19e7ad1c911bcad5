import type { Context } from 'hono';
import { apiCalls } from '../../shared/api-contract.js';
import type { BusEvent } from '../../shared/live-events.js';
import type { Logger } from '../log.js';
import { refuse } from './api-answer.js';
import { queryInput } from './request-input.js';

export type Subscribe = (listener: (event: BusEvent) => void) => () => void;

/** Proxies and NAT boxes drop a connection that is quiet for a minute or so. */
const HEARTBEAT_MS = 15_000;
/**
 * What a client too slow to read may have waiting before its stream is ended. Its EventSource
 * reconnects, and the view catches up from status, rather than the daemon holding ever more.
 */
const MAX_WAITING_BYTES = 1024 * 1024;
/** How soon a browser reconnects after its stream ended. */
const RETRY_MS = 3_000;

const HEADERS = { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', 'X-Accel-Buffering': 'no' };
const encoder = new TextEncoder();

export interface EventStreams {
  /** GET /api/events: every bus event from now on, one `data:` line of JSON each, until the client leaves or close(). */
  answer(c: Context): Response;
  /** Ends every open stream: a server closing waits for its responses to end. */
  close(): void;
}

export function eventStreams(subscribe: Subscribe, log: Logger): EventStreams {
  const open = new Set<() => void>();
  return {
    answer(c) {
      const query = queryInput(c.req.url, apiCalls.events.request);
      if (!query.ok) return refuse(c, 'bad-request', query.message);
      if (c.req.method === 'HEAD') return c.body(null, 200, HEADERS);
      return c.body(busStream(subscribe, c.req.raw.signal, open, log), 200, HEADERS);
    },
    close() {
      for (const end of [...open]) end();
    },
  };
}

/** One client's stream; it holds its `end` in `open` while it runs. */
function busStream(subscribe: Subscribe, signal: AbortSignal, open: Set<() => void>, log: Logger): ReadableStream<Uint8Array> {
  let stopped = false;
  let unsubscribe = (): void => undefined;
  let heartbeat: NodeJS.Timeout | undefined;
  /** Stops sending; true the first time, when the stream is still to be closed. */
  const stop = (): boolean => {
    if (stopped) return false;
    stopped = true;
    open.delete(end);
    clearInterval(heartbeat);
    unsubscribe();
    signal.removeEventListener('abort', end);
    return true;
  };
  let close = (): void => undefined;
  const end = () => {
    if (stop()) close();
  };
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        close = () => controller.close();
        const send = (text: string) => {
          if (stopped) return;
          controller.enqueue(encoder.encode(text));
          if ((controller.desiredSize ?? 0) >= 0) return;
          log.warn('an event stream was ended: its client reads too slowly');
          end();
        };
        open.add(end);
        signal.addEventListener('abort', end);
        heartbeat = setInterval(() => send(': still here\n\n'), HEARTBEAT_MS);
        unsubscribe = subscribe((event) => send(`data: ${JSON.stringify(event)}\n\n`));
        send(`retry: ${RETRY_MS}\n\n`);
        if (signal.aborted) end();
      },
      cancel: () => void stop(),
    },
    { highWaterMark: MAX_WAITING_BYTES, size: (chunk) => chunk.byteLength },
  );
}
