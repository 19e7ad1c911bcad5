import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { ApiError, StatusValue } from '../../shared/api-contract.js';
import type { BusEvent, StateEvent } from '../../shared/live-events.js';
import { useApi } from '../app/api-context.js';
import { useBus, useDebounced } from '../app/hooks.js';
import { STATE_WORDS } from '../lib/words.js';

export interface LiveStatus {
  status: StatusValue | null;
  error: ApiError | null;
  /** The last change of state in words, for the screen reader's live region. */
  announcement: string;
  /** An answer of pause or resume: the status as it is now. */
  replace: (status: StatusValue) => void;
}

/** Long enough to take a burst of events (a transition, its outage-start, its state) as one refetch. */
const REFETCH_AFTER_MS = 80;

/**
 * The monitor's status, kept live: what an event says is shown at once, then the status is
 * asked again for what the event does not carry (today's count, the cause found later). An
 * answer to an older question never overwrites what a newer event showed.
 */
export function useLiveStatus(): LiveStatus {
  const api = useApi();
  const [status, setStatus] = useState<StatusValue | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const asked = useRef(0);

  const refetch = useCallback(async () => {
    const mine = ++asked.current;
    const result = await api.status({});
    if (mine !== asked.current) return;
    if (result.ok) setStatus(result.value);
    setError(result.ok ? null : result.error);
  }, [api]);
  const soon = useDebounced(() => void refetch(), REFETCH_AFTER_MS);
  useEffect(() => void refetch(), [refetch]);

  const patch = (change: (s: StatusValue) => StatusValue) => {
    asked.current += 1;
    setStatus((s) => (s === null ? s : change(s)));
    soon();
  };
  useBus(
    (event: BusEvent) => {
      switch (event.type) {
        case 'state':
          patch((s) => withState(s, event));
          setAnnouncement(`${event.target} is ${STATE_WORDS[event.state].toLowerCase()}`);
          break;
        case 'health':
          patch((s) => ({ ...s, probing: { ok: event.probing, detail: event.detail } }));
          break;
        case 'pause':
          patch((s) => ({ ...s, paused: { since: event.at, until: event.until, reason: event.reason } }));
          break;
        case 'resume':
          patch((s) => ({ ...s, paused: null }));
          break;
        case 'transition':
        case 'outage-start':
        case 'outage-end':
        case 'session':
          soon();
          break;
        default:
          break;
      }
    },
    (connected) => {
      // Events may have been missed while the stream was down.
      if (connected) soon();
    },
  );

  const replace = useCallback((next: StatusValue) => {
    asked.current += 1;
    setStatus(next);
  }, []);
  return { status, error, announcement, replace };
}

function withState(status: StatusValue, event: StateEvent): StatusValue {
  const targets = status.targets.map((t) => {
    if (t.name !== event.target) return t;
    const since = event.since ?? null;
    const outage = event.state === 'down' ? { start: t.outage?.start ?? since ?? status.now, cause: event.cause ?? t.outage?.cause ?? null } : null;
    return { ...t, state: event.state, since, outage };
  });
  return { ...status, targets };
}
