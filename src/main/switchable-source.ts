import type { ApiHandlers } from '../shared/api-contract.js';
import type { BusEvent } from '../shared/live-events.js';
import { valueCallNames } from '../shared/ipc-contract.js';
import type { MonitorSource } from './monitor-source.js';

export interface SwitchableSource extends MonitorSource {
  /** From now on everything is asked of `next`; the listeners move to it, and the one before is closed. */
  switchTo(next: MonitorSource): Promise<void>;
}

/**
 * The source the window's IPC, the tray and the notifications hold for the app's whole life,
 * while the user switches between this computer's monitors and a daemon's: every call goes to
 * the source of the moment, and every listener hears the current one's events.
 */
export function switchableSource(initial: MonitorSource): SwitchableSource {
  let current = initial;
  const listeners = new Map<(event: BusEvent) => void, () => void>();
  const api = Object.fromEntries(valueCallNames.map((name) => [name, (request: never) => (current.api[name] as (r: never) => Promise<unknown>)(request)])) as unknown as ApiHandlers;
  return {
    get description() {
      return current.description;
    },
    api,
    subscribe(listener) {
      listeners.set(listener, current.subscribe(listener));
      return () => {
        listeners.get(listener)?.();
        listeners.delete(listener);
      };
    },
    report: (query) => current.report(query),
    close: () => current.close(),
    async switchTo(next) {
      const before = current;
      for (const [listener, unsubscribe] of listeners) {
        unsubscribe();
        listeners.set(listener, next.subscribe(listener));
      }
      current = next;
      await before.close();
    },
  };
}
