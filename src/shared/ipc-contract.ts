import { z } from 'zod';
import { apiCalls, apiResult, emptyRequest, type ApiCallName, type ApiRequest, type ApiValueCall } from './api-contract.js';
import { appPreferences } from './app-preferences.js';

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
 * The app's own calls, beside the API: its preferences, which a browser on a daemon has none
 * of, so they are no route of the daemon's. Each is one `invoke` channel answered with an
 * envelope, checked at both ends as the API's calls are.
 */
export const preferencesValue = z.strictObject({
  preferences: appPreferences,
  /** The daemon whose state the app shows now; null: it monitors on this computer. */
  watching: z.string().nullable(),
  /** What the user should hear of what the app shows, in words ("the daemon at … does not answer"); null: nothing. */
  note: z.string().max(2_000).nullable(),
});
export type PreferencesValue = z.infer<typeof preferencesValue>;

export const appCalls = {
  preferences: { request: emptyRequest, value: preferencesValue },
  /** Keeps these preferences and switches to what they name at once. */
  'preferences-save': { request: appPreferences, value: preferencesValue },
} as const;
export type AppCallName = keyof typeof appCalls;
/** A request as the window sends it. */
export type AppRequest<K extends AppCallName> = z.input<(typeof appCalls)[K]['request']>;
/** A request as main's handler gets it, parsed. */
export type AppParsedRequest<K extends AppCallName> = z.output<(typeof appCalls)[K]['request']>;
export type AppValue<K extends AppCallName> = z.output<(typeof appCalls)[K]['value']>;

export const appCallNames = Object.keys(appCalls) as AppCallName[];

export function isAppCall(name: unknown): name is AppCallName {
  return typeof name === 'string' && (appCallNames as readonly string[]).includes(name);
}

export function appChannel(name: AppCallName): string {
  return `nom:app:${name}`;
}

export function appAnswer<K extends AppCallName>(name: K) {
  return apiResult(appCalls[name].value);
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
  /** Invokes one of the app's own calls; a name that is not one is refused before anything is sent. */
  app<K extends AppCallName>(name: K, request: AppRequest<K>): Promise<unknown>;
}
