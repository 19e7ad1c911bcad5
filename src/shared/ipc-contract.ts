import { z } from 'zod';
import { apiCalls, apiResult, type ApiCallName, type ApiRequest, type ApiValueCall } from './api-contract.js';

/**
 * The API between the app's window and Electron main, derived from `apiCalls` as the HTTP routes
 * are: each enveloped call is one `invoke` channel, answered with the call's own envelope. The
 * two calls that are not envelopes take the shape IPC gives them: `events` is a feed main sends
 * on one channel once the window asks for it, and `report` is saved by main where the user
 * chooses, answered with an envelope of null.
 */

/** Calls answered with an envelope, by name: the ones a window invokes. */
export const valueCallNames = (Object.keys(apiCalls) as ApiCallName[]).filter((name): name is ApiValueCall => {
  const kind = apiCalls[name].kind;
  return kind === 'read' || kind === 'write';
});

export function isValueCall(name: unknown): name is ApiValueCall {
  return typeof name === 'string' && (valueCallNames as readonly string[]).includes(name);
}

export function callChannel(name: ApiValueCall): string {
  return `nom:api:${name}`;
}

/** The window asks main to start (invoke, answered with `ackAnswer`) and stop (invoke) its feed; main sends each busEvent on `event`. */
export const eventChannels = { start: 'nom:events:start', stop: 'nom:events:stop', event: 'nom:event' } as const;

/** The window's "download": main asks where to save, makes the report, writes it and shows it in its folder. */
export const reportChannel = 'nom:report:save';

/** What main answers a start, a stop and a saved report: nothing, or why not. */
export const ackAnswer = apiResult(z.null());

/** The envelope a call's channel answers with, checked by the window. */
export function callAnswer<K extends ApiValueCall>(name: K) {
  return apiResult(apiCalls[name].value);
}

/**
 * What the preload exposes as `window.nom`, and nothing else. Answers and events are what main
 * sent, `unknown` until the window's client checks each against the contract: a bridge is a
 * boundary, so its other side is not taken on trust.
 */
export interface NomBridge {
  /** Invokes one enveloped call; a name that is not one is refused before anything is sent. */
  call<K extends ApiValueCall>(name: K, request: ApiRequest<K>): Promise<unknown>;
  /** Every live event from now on; `started` hears main's answer to the subscription. Returns the way to stop. */
  onEvent(listener: (event: unknown) => void, started?: (answer: unknown) => void): () => void;
  /** Has main save the report for this request where the user chooses. */
  saveReport(query: ApiRequest<'report'>): Promise<unknown>;
}
