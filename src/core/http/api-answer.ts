import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ApiFailure, type ApiErrorCode, type ApiResult } from '../../shared/api-contract.js';
import type { Logger } from '../log.js';

/** The HTTP status of each error code, for proxies, logs and `curl -f`; clients read the code. */
const STATUS_OF: Record<ApiErrorCode, ContentfulStatusCode> = {
  'bad-request': 400,
  'not-found': 404,
  forbidden: 403,
  busy: 503,
  unavailable: 409,
  internal: 500,
};

/** When a handler says busy without saying for how long. */
const DEFAULT_RETRY_AFTER_S = 5;
/** The contract's limit on a message; past it a client would refuse the whole answer. */
const MAX_MESSAGE = 2_000;

export interface RefusalOptions {
  /** In place of the code's own status: 401, 405, 421. */
  status?: ContentfulStatusCode;
  headers?: Record<string, string>;
}

export function answer(c: Context, value: unknown): Response {
  return c.json({ ok: true, value } satisfies ApiResult<unknown>, 200);
}

export function refuse(c: Context, code: ApiErrorCode, message: string, options: RefusalOptions = {}): Response {
  const headers = code === 'busy' ? { 'Retry-After': String(DEFAULT_RETRY_AFTER_S), ...options.headers } : (options.headers ?? {});
  return c.json({ ok: false, error: { code, message: oneLine(message) } } satisfies ApiResult<never>, options.status ?? STATUS_OF[code], headers);
}

/** 405 for a path that exists, naming the method it takes. */
export function wrongMethod(method: string, allow: string): (c: Context) => Response {
  return (c) => refuse(c, 'bad-request', `${c.req.method} is not allowed here: use ${method}`, { status: 405, headers: { Allow: allow } });
}

/** Errors echo what was asked; a control character in it would break the one line into two. */
export function oneLine(message: string): string {
  const line = message.replace(/\p{Cc}/gu, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return line.length <= MAX_MESSAGE ? line : `${line.slice(0, MAX_MESSAGE - 1)}…`;
}

/** A handler's refusal becomes its envelope; anything else is a fault of ours, told only to the log. */
export function failureAnswer(err: Error, c: Context, log: Logger): Response {
  if (err instanceof ApiFailure) return refuse(c, err.code, err.message);
  // One log line: under systemd each line is its own journal entry, and only the first would carry the priority.
  log.error(`HTTP ${c.req.method} ${c.req.path}: ${(err.stack ?? err.message).replace(/\n\s*/g, ' | ')}`);
  return refuse(c, 'internal', 'internal error: the daemon log has the details');
}
