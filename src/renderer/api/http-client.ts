import { z } from 'zod';
import { apiCalls, apiPath, apiResult, type ApiCallName, type ApiErrorCode, type ApiResult } from '../../shared/api-contract.js';
import type { ApiCallers, ApiClient } from './api-client.js';
import { eventFeed } from './event-feed.js';

export interface HttpClientOptions {
  /** The daemon's access token; null where it asks none (on loopback). */
  token: string | null;
  /** Has the browser download the file at a URL of this server (an anchor click, in a page). */
  startDownload: (url: string) => void;
}

/** Where a client that cannot set headers (EventSource, a download link) puts the token. */
const TOKEN_PARAMETER = 'token';

type Caller = (request: unknown) => Promise<ApiResult<unknown>>;

/** The report's answer when it is not the file: only ever an error envelope. */
const refusal = apiResult(z.never());

/**
 * The API over HTTP, derived from `apiCalls`: a `read` call is GET /api/NAME?query, a `write`
 * call POST /api/NAME with a JSON body, and every answer is checked against the call's envelope
 * before a view sees it. Live events come over one EventSource, the report as a download link.
 */
export function httpClient({ token, startDownload }: HttpClientOptions): ApiClient {
  const authorization: Record<string, string> = token === null ? {} : { Authorization: `Bearer ${token}` };
  const linkTo = (name: ApiCallName, query: URLSearchParams): string => {
    if (token !== null) query.set(TOKEN_PARAMETER, token);
    return addressOf(name, query);
  };

  const callers: Record<string, Caller> = {};
  for (const [name, call] of Object.entries(apiCalls)) {
    const envelope = apiResult(call.value);
    if (call.kind === 'read') callers[name] = (request) => answerOf(name, envelope, () => fetch(addressOf(name as ApiCallName, queryOf(request)), { headers: authorization }));
    if (call.kind === 'write') {
      const headers = { ...authorization, 'Content-Type': 'application/json' };
      callers[name] = (request) => answerOf(name, envelope, () => fetch(apiPath(name as ApiCallName), { method: 'POST', headers, body: JSON.stringify(request) }));
    }
  }
  const feed = eventFeed(linkTo('events', new URLSearchParams()));

  return {
    // Every read and write call of the map has its caller above, checked by its own envelope.
    ...(callers as ApiCallers),
    subscribe: feed.subscribe,
    droppedEvents: feed.dropped,
    async downloadReport(query) {
      const address = addressOf('report', queryOf(query));
      // HEAD checks the request without making the report: a refusal is shown in the page, not downloaded as a file.
      const check = await reach(() => fetch(address, { method: 'HEAD', headers: authorization }));
      if (!(check instanceof Response)) return check;
      // A refused request is refused before any work, so asking again with GET costs nothing and says why.
      if (!check.ok) return answerOf('report', refusal, () => fetch(address, { headers: authorization }));
      startDownload(linkTo('report', queryOf(query)));
      return { ok: true, value: null };
    },
  };
}

function addressOf(name: ApiCallName, query: URLSearchParams): string {
  const text = query.toString();
  return text === '' ? apiPath(name) : `${apiPath(name)}?${text}`;
}

/** A read call's request as its query: every field given, as text. */
function queryOf(request: unknown): URLSearchParams {
  const query = new URLSearchParams();
  if (typeof request !== 'object' || request === null) return query;
  for (const [key, value] of Object.entries(request)) {
    if (value !== undefined && value !== null) query.set(key, String(value));
  }
  return query;
}

async function answerOf<T>(name: string, envelope: z.ZodType<ApiResult<T>>, send: () => Promise<Response>): Promise<ApiResult<T>> {
  const response = await reach(send);
  if (!(response instanceof Response)) return response;
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    return failure('internal', `the monitor's answer to ${name} was not JSON (HTTP ${response.status})`);
  }
  const parsed = envelope.safeParse(body);
  return parsed.success ? parsed.data : failure('internal', `the monitor's answer to ${name} was not understood: this page may be older than the monitor, reload it`);
}

async function reach(send: () => Promise<Response>): Promise<Response | ApiResult<never>> {
  try {
    return await send();
  } catch {
    return failure('unavailable', 'the monitor cannot be reached: is it running?');
  }
}

function failure(code: ApiErrorCode, message: string): ApiResult<never> {
  return { ok: false, error: { code, message } };
}
