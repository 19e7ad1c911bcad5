import type { Logger } from '../log.js';
import type { EventBus } from '../runtime/event-bus.js';
import { systemJournalWriter } from './system-journal.js';

/** Writes the instance-wide events the bus carries (IP changes, failovers) to the system journal; returns the unsubscribe. */
export function recordSystemEvents(bus: EventBus, dataDir: string, log: Logger): () => void {
  const journal = systemJournalWriter(dataDir);
  return bus.on(['ip-change', 'ip-unknown', 'failover'], (event) => {
    try {
      journal.append(event, event.at);
    } catch (err) {
      // A full disk must not stop the monitors: routing and the script matter more than the record of them.
      log.error(`could not journal a ${event.type} event`, { error: err instanceof Error ? err.message : String(err) });
    }
  });
}
