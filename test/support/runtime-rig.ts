import type { Clock } from '../../src/core/clock.js';
import type { Logger } from '../../src/core/log.js';
import { EventBus, type EventOf } from '../../src/core/runtime/event-bus.js';
import { SessionRecorder } from '../../src/core/store/session-recorder.js';
import { recordSystemEvents } from '../../src/core/store/system-recorder.js';
import type { BusEventType } from '../../src/shared/live-events.js';

/**
 * What the runtime gives a service, as the runtime wires it: one bus, the session recorder and
 * the system journal listening on it, and the events of the asked-for types collected in order.
 */
export function serviceRig<T extends BusEventType>(dataDir: string, clock: Clock, log: Logger, collect: readonly T[]) {
  const bus = new EventBus(log);
  const sessions = new SessionRecorder({ dataDir, clock, log, bus });
  recordSystemEvents(bus, dataDir, log);
  const events: EventOf<T>[] = [];
  bus.on(collect, (event) => events.push(event));
  return { bus, sessions, events };
}

