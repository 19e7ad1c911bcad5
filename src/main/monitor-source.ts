import type { ApiHandlers, ApiParsedRequest } from '../shared/api-contract.js';
import type { BusEvent } from '../shared/live-events.js';

/**
 * What the app shows: the monitors it runs itself (local-source.ts), or a `nom daemon --http`
 * it watches over the same API (remote-source.ts). The tray, the notifications and the window's
 * IPC read only this, so every one of them works alike in both cases.
 */
export interface MonitorSource {
  /** One line for the menu and the log: "Monitoring on this computer", "Watching the daemon at http://…". */
  readonly description: string;
  /** Every call of `apiCalls` that answers with a value. */
  readonly api: ApiHandlers;
  /** Every live event from now on; returns the way to stop listening. */
  subscribe(listener: (event: BusEvent) => void): () => void;
  /** The report file for a request of the `report` call, made where the record is. */
  report(query: ApiParsedRequest<'report'>): Promise<Uint8Array>;
  /** Local: stops the monitors (STOPPED written). Remote: closes the connection. */
  close(): Promise<void>;
}
