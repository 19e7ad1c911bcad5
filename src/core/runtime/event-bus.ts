import type { BusEvent, BusEventType } from '../../shared/live-events.js';
import type { Logger } from '../log.js';

export type EventOf<T extends BusEventType> = Extract<BusEvent, { type: T }>;
type Listener = (event: BusEvent) => void;

/**
 * The runtime's one bus: monitors publish every event here, and the store, the notifiers, the
 * action scripts and the views each listen for the kinds they need. Delivery is synchronous and
 * in subscription order, so the record is written before anyone is told; a listener that throws
 * is logged and the others are still told.
 */
export class EventBus {
  private readonly byType = new Map<BusEventType, Set<Listener>>();
  private readonly everything = new Set<Listener>();

  constructor(private readonly log: Logger) {}

  on<T extends BusEventType>(types: readonly T[], listener: (event: EventOf<T>) => void): () => void {
    const wrapped = listener as Listener;
    for (const type of types) {
      let set = this.byType.get(type);
      if (!set) this.byType.set(type, (set = new Set()));
      set.add(wrapped);
    }
    return () => {
      for (const type of types) this.byType.get(type)?.delete(wrapped);
    };
  }

  /** Every event, for the views' live streams. */
  onAny(listener: Listener): () => void {
    this.everything.add(listener);
    return () => this.everything.delete(listener);
  }

  /** Whether anyone listens for `type`: a monitor need not build an event that nobody reads (a probe a second per target). */
  wants(type: BusEventType): boolean {
    return this.everything.size > 0 || (this.byType.get(type)?.size ?? 0) > 0;
  }

  publish(event: BusEvent): void {
    const listeners = this.byType.get(event.type);
    if (listeners) for (const listener of listeners) this.deliver(listener, event);
    for (const listener of this.everything) this.deliver(listener, event);
  }

  private deliver(listener: Listener, event: BusEvent): void {
    try {
      listener(event);
    } catch (err) {
      this.log.error(`a listener failed on a ${event.type} event`, { error: err instanceof Error ? err.message : String(err) });
    }
  }
}
