import type { Clock } from '../../clock.js';
import type { FetchText } from './fetch-text.js';
import { parseIpAnswer, type IpAnswer, type IpFamily } from './ip-answer.js';

/** An address is at most 45 characters; a kilobyte leaves room for white space and nothing more. */
export const MAX_ANSWER_BYTES = 1024;

export interface AskOptions {
  providers: readonly string[];
  family: IpFamily;
  /** What each provider gets, connection to last byte, before the next one is asked. */
  timeoutMs: number;
  fetch: FetchText;
  clock: Clock;
  /** Aborted when the service stops: the request in flight ends and no other is started. */
  signal: AbortSignal;
}

export interface Refusal {
  provider: string;
  error: string;
}

export type Lookup = { found: true; address: string; provider: string } | { found: false; tried: Refusal[] };

/** Asks the providers in turn; the first valid address wins. */
export async function askProviders(options: AskOptions): Promise<Lookup> {
  const tried: Refusal[] = [];
  for (const provider of options.providers) {
    if (options.signal.aborted) break;
    const answer = await askOne(provider, options);
    if (answer.ok) return { found: true, address: answer.address, provider };
    tried.push({ provider, error: answer.error });
  }
  return { found: false, tried };
}

async function askOne(provider: string, options: AskOptions): Promise<IpAnswer> {
  const request = new AbortController();
  let timedOut = false;
  const timer = options.clock.setTimeout(() => {
    timedOut = true;
    request.abort();
  }, options.timeoutMs);
  const onStop = (): void => request.abort();
  options.signal.addEventListener('abort', onStop, { once: true });
  try {
    const fetched = options.fetch(provider, { family: options.family === 'ipv4' ? 4 : 6, signal: request.signal, maxBytes: MAX_ANSWER_BYTES });
    // Raced with the abort so that a fetch slow to notice it cannot hold up the round.
    const body = await Promise.race([fetched, aborted(request.signal)]);
    return parseIpAnswer(body, options.family);
  } catch (error) {
    if (timedOut) return { ok: false, error: `no answer within ${options.timeoutMs / 1000} s` };
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  } finally {
    options.clock.clearTimeout(timer);
    options.signal.removeEventListener('abort', onStop);
  }
}

function aborted(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => signal.addEventListener('abort', () => reject(new Error('aborted')), { once: true }));
}
