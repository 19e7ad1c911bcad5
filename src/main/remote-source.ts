import { EventSource, type FetchLike } from 'eventsource';
import { ApiFailure, type ApiHandlers, type ApiValueCall } from '../shared/api-contract.js';
import { addressOf, httpCallers, queryOf, reach, refusalOf, type ClientWords, type HttpCall } from '../shared/api-http.js';
import { eventFeed, type OpenStream } from '../shared/event-feed.js';
import type { Logger } from '../core/log.js';
import type { MonitorSource } from './monitor-source.js';

export interface RemoteSourceOptions {
  /** The daemon's origin, e.g. http://pi.local:8754 (a path after it is ignored: the API is at /api/). */
  url: string;
  /** Its access token; null for a daemon on loopback, which asks none. */
  token: string | null;
  log: Logger;
  /** How long a call may go unanswered before it is "cannot be reached". */
  callTimeoutMs?: number;
}

/** Long enough for a year of history from a small box, short enough that a dead link is said soon. */
const CALL_TIMEOUT_MS = 15_000;
/** The daemon gives up on a report after 5 minutes; a little longer, so that its own words arrive. */
const REPORT_TIMEOUT_MS = 330_000;

/**
 * A `nom daemon --http` watched over its API (the same calls the dashboard in a browser makes,
 * derived from `apiCalls` in src/shared/api-http.ts): its state, history, settings and reports,
 * and its live events over one Server-Sent Events stream shared by every listener. Every
 * refusal of the daemon's arrives as the ApiFailure it answered, code and message unchanged.
 */
export function remoteSource({ url, token, log, callTimeoutMs = CALL_TIMEOUT_MS }: RemoteSourceOptions): MonitorSource {
  const origin = new URL(url).origin;
  const closing = new AbortController();
  const headers: Record<string, string> = token === null ? {} : { Authorization: `Bearer ${token}` };
  const words: ClientWords = {
    unreachable: (err) => `the daemon at ${origin} cannot be reached: ${whyUnreachable(err)}`,
    mismatch: 'this app and the daemon may be of different versions',
  };
  const send = ({ path, method, body }: HttpCall, timeoutMs = callTimeoutMs) =>
    fetch(`${origin}${path}`, {
      method,
      headers: body === undefined ? headers : { ...headers, 'Content-Type': 'application/json' },
      ...(body === undefined ? {} : { body }),
      signal: AbortSignal.any([closing.signal, AbortSignal.timeout(timeoutMs)]),
    });
  const callers = httpCallers(send, words);
  const api: Record<string, (request: unknown) => Promise<unknown>> = {};
  for (const name of Object.keys(callers) as ApiValueCall[]) {
    api[name] = async (request) => {
      const answer = await callers[name](request);
      if (answer.ok) return answer.value;
      throw new ApiFailure(answer.error.code, answer.error.message);
    };
  }

  const stream: OpenStream = (address, on) => {
    const source = new EventSource(`${origin}${address}`, { fetch: withHeaders(headers) });
    let open = false;
    source.onopen = () => {
      open = true;
      log.info(`live events from the daemon at ${origin}`);
      on.open();
    };
    source.onmessage = (message) => on.message(message.data);
    source.onerror = () => {
      if (open) log.warn(`the live events from the daemon at ${origin} stopped; reconnecting`);
      open = false;
      on.error(source.readyState === EventSource.CLOSED);
    };
    return source;
  };
  const feed = eventFeed(addressOf('events', new URLSearchParams()), stream, () => {
    if (feed.dropped() === 1) log.warn(`the daemon at ${origin} sends live events this app does not understand (${words.mismatch}); they are ignored`);
  });

  return {
    description: `Watching the daemon at ${origin}`,
    // Each handler answers its call's value: the caller checked it against that call's envelope.
    api: api as unknown as ApiHandlers,
    subscribe: (listener) => feed.subscribe(listener),
    async report(query) {
      const address = addressOf('report', queryOf(query));
      const response = await reach(() => send({ path: address, method: 'GET' }, REPORT_TIMEOUT_MS), words);
      if (response instanceof Response && response.ok) {
        try {
          return new Uint8Array(await response.arrayBuffer());
        } catch (err) {
          throw new ApiFailure('unavailable', `the report from the daemon at ${origin} was cut off: ${whyUnreachable(err)}`);
        }
      }
      const refused = response instanceof Response ? await refusalOf('report', response, words) : response;
      if (refused.ok) throw new ApiFailure('internal', `the daemon at ${origin} answered a report request with no report`);
      throw new ApiFailure(refused.error.code, refused.error.message);
    },
    close() {
      feed.close();
      closing.abort(new Error('the app stopped watching the daemon'));
      return Promise.resolve();
    },
  };
}

/** The `eventsource` package's fetch with the access token added: a stream cannot carry it otherwise but in its address. */
function withHeaders(headers: Record<string, string>): FetchLike {
  return (address, init) => fetch(address, { ...init, headers: { ...init.headers, ...headers } });
}

/** Why Node's fetch got no answer, in words: its error says only "fetch failed", its cause says why. */
function whyUnreachable(err: unknown): string {
  if (err instanceof DOMException && err.name === 'TimeoutError') return 'it did not answer in time';
  const cause = err instanceof Error ? (err.cause as (Error & { code?: string }) | undefined) : undefined;
  switch (cause?.code) {
    case 'ECONNREFUSED':
      return 'nothing answers at that port (connection refused): is the daemon running with --http?';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'its name is not known on this network';
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return 'there is no route to it from this computer';
    case 'ETIMEDOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
      return 'it did not answer in time';
    case 'ECONNRESET':
      return 'the connection was cut';
    default:
      return cause?.message ?? (err instanceof Error ? err.message : String(err));
  }
}
