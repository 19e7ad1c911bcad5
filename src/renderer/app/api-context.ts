import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { ApiClient } from '../api/api-client.js';

export const ApiContext = createContext<ApiClient | null>(null);

export function useApi(): ApiClient {
  const api = useContext(ApiContext);
  if (api === null) throw new Error('useApi outside <ApiContext.Provider>');
  return api;
}

/** The monitor's zone and how far its clock is ahead of this browser's, in seconds. */
export interface MonitorClock {
  zone: string;
  skew: number;
}

export const ClockContext = createContext<MonitorClock>({ zone: 'UTC', skew: 0 });

export function useClock(): MonitorClock {
  return useContext(ClockContext);
}
