import { useEffect, useRef, useState, type Inputs } from 'preact/hooks';
import type { ApiError, ApiResult } from '../../shared/api-contract.js';
import type { BusEvent } from '../../shared/live-events.js';
import { useApi, useClock } from './api-context.js';

/** The monitor's time now (unix seconds), updated every `everyMs`, on the second. */
export function useNow(everyMs = 1_000): number {
  const { skew } = useClock();
  const [now, setNow] = useState(() => Date.now() / 1000);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout>;
    const tick = () => {
      setNow(Date.now() / 1000);
      timer = setTimeout(tick, everyMs - (Date.now() % everyMs));
    };
    timer = setTimeout(tick, everyMs - (Date.now() % everyMs));
    return () => clearTimeout(timer);
  }, [everyMs]);
  return now + skew;
}

/** Live events for as long as the component is shown; the latest handlers are always the ones called. */
export function useBus(onEvent: (event: BusEvent) => void, onLink?: (connected: boolean) => void): void {
  const api = useApi();
  const handlers = useRef({ onEvent, onLink });
  handlers.current = { onEvent, onLink };
  useEffect(() => api.subscribe((e) => handlers.current.onEvent(e), (c) => handlers.current.onLink?.(c)), [api]);
}

export interface Loaded<T> {
  /** The last value received: kept while a new one loads, so that the view does not flicker. */
  value: T | null;
  error: ApiError | null;
  loading: boolean;
  reload: () => void;
}

/** One call's answer, asked again whenever `inputs` change; an answer that arrives after a newer question is dropped. */
export function useCall<T>(call: () => Promise<ApiResult<T>>, inputs: Inputs): Loaded<T> {
  const [state, setState] = useState<Omit<Loaded<T>, 'reload'>>({ value: null, error: null, loading: true });
  const [round, setRound] = useState(0);
  const asked = useRef(0);
  useEffect(() => {
    const mine = ++asked.current;
    setState((s) => ({ ...s, loading: true }));
    void call().then((result) => {
      if (mine !== asked.current) return;
      setState((s) => (result.ok ? { value: result.value, error: null, loading: false } : { value: s.value, error: result.error, loading: false }));
    });
    // `call` is a new closure at each render; `inputs` say when it asks something new.
  }, [...inputs, round]);
  return { ...state, reload: () => setRound((r) => r + 1) };
}

/** A function that runs `fn` once, `ms` after the last of a burst of calls. */
export function useDebounced<A extends unknown[]>(fn: (...args: A) => void, ms: number): (...args: A) => void {
  const latest = useRef(fn);
  latest.current = fn;
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  return useRef((...args: A) => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => latest.current(...args), ms);
  }).current;
}
