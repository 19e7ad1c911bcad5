import type { z } from 'zod';
import type { ApiErrorCode, ApiRequest, ApiResult, ApiValueCall } from '../../shared/api-contract.js';
import { ackAnswer, appAnswer, appCallNames, callAnswer, valueCallNames, type AppCallName, type AppRequest, type NomBridge } from '../../shared/ipc-contract.js';
import { busEvent, type BusEvent } from '../../shared/live-events.js';
import type { ApiCallers, ApiClient, AppCallers } from './api-client.js';

type Listener = { onEvent: (event: BusEvent) => void; onLink: ((connected: boolean) => void) | undefined };

/** Main answers; an answer unlike the contract means the preload or main is of another build. */
const MISMATCH = 'the app could not understand its own answer: reinstall nom';

/**
 * The API in the app's window, over the preload's `window.nom` (src/shared/ipc-contract.ts):
 * every answer is checked against its call's envelope and every live event against busEvent
 * before a view sees it; an event that does not match is dropped and counted. The report is
 * saved by main where the user chooses. The app's own calls are checked the same way.
 */
export function ipcClient(bridge: NomBridge): ApiClient {
  const callers: Record<string, (request: unknown) => Promise<ApiResult<unknown>>> = {};
  for (const name of valueCallNames) {
    const envelope = callAnswer(name);
    callers[name] = (request) => checked(envelope, () => bridge.call(name, request as ApiRequest<ApiValueCall>));
  }
  const app: Record<string, (request: unknown) => Promise<ApiResult<unknown>>> = {};
  for (const name of appCallNames) {
    const envelope = appAnswer(name);
    app[name] = (request) => checked(envelope, () => bridge.app(name, request as AppRequest<AppCallName>));
  }
  const feed = ipcFeed(bridge);
  return {
    // Each caller is checked by its own call's envelope, so it answers that call's value.
    ...(callers as unknown as ApiCallers),
    subscribe: feed.subscribe,
    droppedEvents: feed.dropped,
    downloadReport: (query) => checked(ackAnswer, () => bridge.saveReport(query)),
    app: app as unknown as AppCallers,
  };
}

/** One subscription of the bridge for every view that listens, taken with the first and given up with the last. */
function ipcFeed(bridge: NomBridge): Pick<ApiClient, 'subscribe'> & { dropped: () => number } {
  const listeners = new Set<Listener>();
  let stop: (() => void) | null = null;
  let connected = false;
  let dropped = 0;

  const receive = (data: unknown) => {
    const parsed = busEvent.safeParse(data);
    if (!parsed.success) {
      dropped += 1;
      return;
    }
    for (const l of listeners) l.onEvent(parsed.data);
  };
  const started = (answer: unknown) => {
    const taken = ackAnswer.safeParse(answer);
    connected = taken.success && taken.data.ok;
    if (connected) for (const l of listeners) l.onLink?.(true);
  };

  return {
    subscribe(onEvent, onLink) {
      const listener = { onEvent, onLink };
      listeners.add(listener);
      if (stop === null) stop = bridge.onEvent(receive, started);
      else if (connected) onLink?.(true);
      return () => {
        listeners.delete(listener);
        if (listeners.size > 0 || stop === null) return;
        stop();
        stop = null;
        connected = false;
      };
    },
    dropped: () => dropped,
  };
}

async function checked<T>(envelope: z.ZodType<ApiResult<T>>, send: () => Promise<unknown>): Promise<ApiResult<T>> {
  let answer: unknown;
  try {
    answer = await send();
  } catch (err) {
    return failure('unavailable', `the app's monitor did not answer: ${err instanceof Error ? err.message : String(err)}`);
  }
  const parsed = envelope.safeParse(answer);
  return parsed.success ? parsed.data : failure('internal', MISMATCH);
}

function failure(code: ApiErrorCode, message: string): ApiResult<never> {
  return { ok: false, error: { code, message } };
}
