import { busEvent, type BusEvent } from '../../shared/live-events.js';

/** After the browser gave up on the stream: soon enough to catch a daemon's restart, rare enough to cost nothing. */
const REOPEN_AFTER_MS = 5_000;

type Listener = { onEvent: (event: BusEvent) => void; onLink: ((connected: boolean) => void) | undefined };

export interface EventFeed {
  subscribe: (onEvent: (event: BusEvent) => void, onLink?: (connected: boolean) => void) => () => void;
  dropped: () => number;
}

/**
 * One EventSource for every view that listens, opened with the first listener and closed with
 * the last. Each message is checked against the contract; one that does not match is dropped
 * and counted, never passed on half-understood. The browser reconnects by itself after a break.
 */
export function eventFeed(url: string): EventFeed {
  const listeners = new Set<Listener>();
  let source: EventSource | null = null;
  let connected = false;
  let dropped = 0;

  const tellLink = (now: boolean) => {
    if (now === connected) return;
    connected = now;
    for (const l of listeners) l.onLink?.(now);
  };
  const receive = (message: MessageEvent<unknown>) => {
    const event = parsed(message.data);
    if (event === null) {
      dropped += 1;
      return;
    }
    for (const l of listeners) l.onEvent(event);
  };
  let retry: ReturnType<typeof setTimeout> | undefined;
  const open = () => {
    const opened = new EventSource(url);
    source = opened;
    opened.onopen = () => tellLink(true);
    opened.onerror = () => {
      tellLink(false);
      // The browser retries a dropped connection itself, but gives up for good on an HTTP error
      // (a daemon restarting may answer 503 for a moment): then a new stream is opened later.
      if (opened.readyState === EventSource.CLOSED && source === opened) retry = setTimeout(open, REOPEN_AFTER_MS);
    };
    opened.onmessage = receive;
  };

  return {
    subscribe(onEvent, onLink) {
      const listener = { onEvent, onLink };
      listeners.add(listener);
      if (source === null) open();
      else if (connected) onLink?.(true);
      return () => {
        listeners.delete(listener);
        if (listeners.size > 0 || source === null) return;
        clearTimeout(retry);
        source.close();
        source = null;
        connected = false;
      };
    },
    dropped: () => dropped,
  };
}

function parsed(data: unknown): BusEvent | null {
  if (typeof data !== 'string') return null;
  try {
    const result = busEvent.safeParse(JSON.parse(data));
    return result.success ? result.data : null;
  } catch {
    return null;
  }
}
