import { addressOf, httpCallers, queryOf, reach, refusalOf, type ClientWords } from '../../shared/api-http.js';
import type { ApiCallName } from '../../shared/api-contract.js';
import { eventFeed, type OpenStream } from '../../shared/event-feed.js';
import type { ApiCallers, ApiClient } from './api-client.js';

export interface HttpClientOptions {
  /** The daemon's access token; null where it asks none (on loopback). */
  token: string | null;
  /** Has the browser download the file at a URL of this server (an anchor click, in a page). */
  startDownload: (url: string) => void;
}

/** Where a client that cannot set headers (EventSource, a download link) puts the token. */
const TOKEN_PARAMETER = 'token';

const WORDS: ClientWords = {
  unreachable: () => 'the monitor cannot be reached: is it running?',
  mismatch: 'this page may be older than the monitor, reload it',
};

/** The browser's own EventSource, which reconnects by itself after a break. */
const browserStream: OpenStream = (url, on) => {
  const source = new EventSource(url);
  source.onopen = () => on.open();
  source.onmessage = (message: MessageEvent<unknown>) => on.message(message.data);
  source.onerror = () => on.error(source.readyState === EventSource.CLOSED);
  return source;
};

/**
 * The API over HTTP from the page's own server (src/shared/api-http.ts derives the calls from
 * `apiCalls`); live events come over one EventSource, the report as a download link.
 */
export function httpClient({ token, startDownload }: HttpClientOptions): ApiClient {
  const authorization: Record<string, string> = token === null ? {} : { Authorization: `Bearer ${token}` };
  const linkTo = (name: ApiCallName, query: URLSearchParams): string => {
    if (token !== null) query.set(TOKEN_PARAMETER, token);
    return addressOf(name, query);
  };
  const callers = httpCallers(
    ({ path, method, body }) =>
      body === undefined ? fetch(path, { method, headers: authorization }) : fetch(path, { method, headers: { ...authorization, 'Content-Type': 'application/json' }, body }),
    WORDS,
  );
  const feed = eventFeed(linkTo('events', new URLSearchParams()), browserStream);

  return {
    // Each caller is checked by its own call's envelope, so it answers that call's value.
    ...(callers as unknown as ApiCallers),
    subscribe: feed.subscribe,
    droppedEvents: feed.dropped,
    async downloadReport(query) {
      const address = addressOf('report', queryOf(query));
      // HEAD checks the request without making the report: a refusal is shown in the page, not downloaded as a file.
      const check = await reach(() => fetch(address, { method: 'HEAD', headers: authorization }), WORDS);
      if (!(check instanceof Response)) return check;
      if (!check.ok) {
        // A refused request is refused before any work, so asking again with GET costs nothing and says why.
        const again = await reach(() => fetch(address, { headers: authorization }), WORDS);
        return again instanceof Response ? refusalOf('report', again, WORDS) : again;
      }
      startDownload(linkTo('report', queryOf(query)));
      return { ok: true, value: null };
    },
  };
}
