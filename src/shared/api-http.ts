import { z } from 'zod';
import { apiCalls, apiPath, apiResult, type ApiCallName, type ApiErrorCode, type ApiResult, type ApiValueCall } from './api-contract.js';
import { busEvent, type BusEvent } from './live-events.js';

/**
 * The API over HTTP as a client makes it, whatever sends the bytes: the dashboard's fetch in a
 * browser (src/renderer/api/http-client.ts) or Node's in the app watching a daemon
 * (src/main/remote-source.ts). Derived from `apiCalls` as the daemon's routes are
 * (src/core/http/api-routes.ts): a `read` call is GET /api/NAME?query, a `write` call POST
 * /api/NAME with a JSON body, and every answer is checked against the call's envelope.
 */

/** One request as the transport is to send it: the path (with its query) under the server's origin. */
export interface HttpCall {
  path: string;
  method: 'GET' | 'POST';
  /** JSON, for a write call. */
  body?: string;
}

/** Sends one request; rejects only when the server cannot be reached at all. */
export type HttpSend = (call: HttpCall) => Promise<Response>;

/** One function per enveloped call, by its name; none rejects: every failure is an error envelope. */
export type HttpCallers = Record<ApiValueCall, (request: unknown) => Promise<ApiResult<unknown>>>;

/** The report's answer when it is not the file: only ever an error envelope. */
const refusal = apiResult(z.never());

/** What a client tells its user, in its own terms: a page can say "reload", the app cannot. */
export interface ClientWords {
  /** Why a request that never got an answer failed. */
  unreachable(err: unknown): string;
  /** What to do about an answer that does not match the contract this client was built with. */
  mismatch: string;
}

/** Every enveloped call of `apiCalls` over `send`. */
export function httpCallers(send: HttpSend, words: ClientWords): HttpCallers {
  const callers: Record<string, HttpCallers[ApiValueCall]> = {};
  for (const name of Object.keys(apiCalls) as ApiCallName[]) {
    const call = apiCalls[name];
    const envelope = apiResult(call.value);
    if (call.kind === 'read') callers[name] = (request) => answerOf(name, envelope, words, () => send({ path: addressOf(name, queryOf(request)), method: 'GET' }));
    if (call.kind === 'write') callers[name] = (request) => answerOf(name, envelope, words, () => send({ path: apiPath(name), method: 'POST', body: JSON.stringify(request) }));
  }
  // Every read and write call of the map has its caller above.
  return callers as HttpCallers;
}

/** The path of a GET call with its query. */
export function addressOf(name: ApiCallName, query: URLSearchParams): string {
  const text = query.toString();
  return text === '' ? apiPath(name) : `${apiPath(name)}?${text}`;
}

/** A read call's request as its query: every field given, as text. */
export function queryOf(request: unknown): URLSearchParams {
  const query = new URLSearchParams();
  if (typeof request !== 'object' || request === null) return query;
  for (const [key, value] of Object.entries(request)) {
    if (value !== undefined && value !== null) query.set(key, String(value));
  }
  return query;
}

/** The refusal a server answered in place of a file (the report), as its envelope. */
export async function refusalOf(name: string, response: Response, words: ClientWords): Promise<ApiResult<never>> {
  return checked(name, refusal, response, words);
}

/** A live event's `data:` as the contract's busEvent, or null when it is not one (it is then dropped, never passed on half-understood). */
export function busEventOf(data: unknown): BusEvent | null {
  if (typeof data !== 'string') return null;
  try {
    const result = busEvent.safeParse(JSON.parse(data));
    return result.success ? result.data : null;
  } catch {
    return null;
  }
}

/** The server's answer, or the error envelope of one that never came. */
export async function reach(send: () => Promise<Response>, words: ClientWords): Promise<Response | ApiResult<never>> {
  try {
    return await send();
  } catch (err) {
    return failure('unavailable', words.unreachable(err));
  }
}

async function answerOf<T>(name: string, envelope: z.ZodType<ApiResult<T>>, words: ClientWords, send: () => Promise<Response>): Promise<ApiResult<T>> {
  const response = await reach(send, words);
  return response instanceof Response ? checked(name, envelope, response, words) : response;
}

async function checked<T>(name: string, envelope: z.ZodType<ApiResult<T>>, response: Response, words: ClientWords): Promise<ApiResult<T>> {
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    return failure('internal', `the monitor's answer to ${name} was not JSON (HTTP ${response.status})`);
  }
  const parsed = envelope.safeParse(body);
  return parsed.success ? parsed.data : failure('internal', `the monitor's answer to ${name} was not understood: ${words.mismatch}`);
}

function failure(code: ApiErrorCode, message: string): ApiResult<never> {
  return { ok: false, error: { code, message } };
}
