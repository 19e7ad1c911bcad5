import type { BusEvent } from './live-events.js';
import { busEventOf } from './api-http.js';

/** After the stream was given up on: soon enough to catch a daemon's restart, rare enough to cost nothing. */
const REOPEN_AFTER_MS = 5_000;

/** What the feed hears from one open stream. */
export interface StreamHandlers {
  open(): void;
  message(data: unknown): void;
  /** `closed`: the stream gave up for good (an HTTP error) and will not reconnect by itself. */
  error(closed: boolean): void;
}

/** Opens one Server-Sent Events stream: a browser's EventSource, or the `eventsource` package's in Node. */
export type OpenStream = (url: string, on: StreamHandlers) => { close(): void };

type Listener = { onEvent: (event: BusEvent) => void; onLink: ((connected: boolean) => void) | undefined };

export interface EventFeed {
  subscribe: (onEvent: (event: BusEvent) => void, onLink?: (connected: boolean) => void) => () => void;
  dropped: () => number;
  /** Ends the stream and forgets every listener. */
  close: () => void;
}

/**
 * One stream for every listener, opened with the first and closed with the last. Each message
 * is checked against the contract; one that does not match is dropped, counted and told to
 * `onDropped`. An
 * EventSource reconnects by itself after a break, but gives up for good on an HTTP error (a
 * daemon restarting may answer 503 for a moment): then a new stream is opened later.
 */
export function eventFeed(url: string, openStream: OpenStream, onDropped: () => void = () => undefined): EventFeed {
  const listeners = new Set<Listener>();
  let source: { close(): void } | null = null;
  let connected = false;
  let dropped = 0;
  let retry: ReturnType<typeof setTimeout> | undefined;

  const tellLink = (now: boolean) => {
    if (now === connected) return;
    connected = now;
    for (const l of listeners) l.onLink?.(now);
  };
  const receive = (data: unknown) => {
    const event = busEventOf(data);
    if (event === null) {
      dropped += 1;
      onDropped();
      return;
    }
    for (const l of listeners) l.onEvent(event);
  };
  const open = () => {
    const opened = openStream(url, {
      open: () => tellLink(true),
      message: receive,
      error: (closed) => {
        tellLink(false);
        if (closed && source === opened) retry = setTimeout(open, REOPEN_AFTER_MS);
      },
    });
    source = opened;
  };
  const shut = () => {
    clearTimeout(retry);
    source?.close();
    source = null;
    connected = false;
  };

  return {
    subscribe(onEvent, onLink) {
      const listener = { onEvent, onLink };
      listeners.add(listener);
      if (source === null) open();
      else if (connected) onLink?.(true);
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) shut();
      };
    },
    dropped: () => dropped,
    close() {
      listeners.clear();
      shut();
    },
  };
}
