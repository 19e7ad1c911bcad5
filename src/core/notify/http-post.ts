const TIMEOUT_MS = 10_000;

/** An endpoint answered, but not with 2xx. Carries only the status: the URL is a secret. */
export class HttpStatusError extends Error {
  constructor(readonly status: number) {
    super(`HTTP ${status}`);
    this.name = 'HttpStatusError';
  }
}

/**
 * POSTs one message and fails unless the answer is 2xx. Each request gets its own timeout, and
 * `signal` lets a shutdown cut a request short instead of waiting for it.
 */
export async function post(url: string, headers: Record<string, string>, body: string, signal: AbortSignal): Promise<void> {
  const response = await fetch(url, { method: 'POST', headers, body, signal: AbortSignal.any([signal, AbortSignal.timeout(TIMEOUT_MS)]) });
  // Nothing in the answer is used; reading it to the end frees the connection for the next message.
  await response.arrayBuffer().catch(() => undefined);
  if (!response.ok) throw new HttpStatusError(response.status);
}

/**
 * What a log line may say about a failed delivery: the HTTP status or an error code. Never an
 * error's message, which can quote the URL, and a channel's URL (or token) is its secret.
 */
export function failureCode(err: unknown): string {
  if (err instanceof HttpStatusError) return `HTTP ${err.status}`;
  const name = stringField(err, 'name');
  if (name === 'TimeoutError') return 'timeout';
  if (name === 'AbortError') return 'aborted';
  return stringField(causeOf(err), 'code') ?? stringField(err, 'code') ?? name ?? 'unknown';
}

function causeOf(err: unknown): unknown {
  return typeof err === 'object' && err !== null && 'cause' in err ? err.cause : undefined;
}

function stringField(value: unknown, key: 'name' | 'code'): string | null {
  if (typeof value !== 'object' || value === null || !(key in value)) return null;
  const field = (value as Record<string, unknown>)[key];
  return typeof field === 'string' ? field : null;
}
