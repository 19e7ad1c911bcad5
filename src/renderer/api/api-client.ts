import type { ApiRequest, ApiResult, ApiValue, ApiValueCall } from '../../shared/api-contract.js';
import type { AppCallName, AppRequest, AppValue } from '../../shared/ipc-contract.js';
import type { BusEvent } from '../../shared/live-events.js';

/** One function per enveloped call of `apiCalls`, by its name: `api.status({})`, `api['settings-save']({config})`. */
export type ApiCallers = { [K in ApiValueCall]: (request: ApiRequest<K>) => Promise<ApiResult<ApiValue<K>>> };

/** One function per call of the app's own (`appCalls`): `app.preferences({})`. */
export type AppCallers = { [K in AppCallName]: (request: AppRequest<K>) => Promise<ApiResult<AppValue<K>>> };

/**
 * All the views know of the monitor: the calls, the live events and the report download. Over
 * HTTP in a browser (http-client.ts); the Electron window gets the same shape over IPC. No call
 * rejects: a failure to reach the monitor is an error envelope like any other.
 */
export interface ApiClient extends ApiCallers {
  /**
   * Every live event from now on, validated. `onLink` hears whether the stream is connected;
   * after a break, events were missed and the views refetch what they show.
   */
  subscribe(onEvent: (event: BusEvent) => void, onLink?: (connected: boolean) => void): () => void;
  /** Live events refused as not matching the contract since the page loaded. */
  droppedEvents(): number;
  /** Starts the report's download; resolves once it has begun, or with why it cannot be made. */
  downloadReport(query: ApiRequest<'report'>): Promise<ApiResult<null>>;
  /** The desktop app's own calls, in its window only: a browser on a daemon has no app to ask. */
  app?: AppCallers;
}
