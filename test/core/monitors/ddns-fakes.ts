import type { ActionCall } from '../../../src/core/actions/action-call.js';
import type { Clock } from '../../../src/core/clock.js';
import type { ServiceDeps } from '../../../src/core/runtime/service.js';
import { createLogger } from '../../../src/core/log.js';
import type { FetchText } from '../../../src/core/monitors/ddns/fetch-text.js';
import type { DdnsConfig } from '../../../src/shared/config-schema.js';
import type { SystemEvent } from '../../../src/shared/system-events.js';
import { ScriptedProber } from '../../support/fake-network.js';
import { serviceRig } from '../../support/runtime-rig.js';

/** What a ddns service did: events it reported, scripts it called, lines it logged. */
export interface Seen {
  events: SystemEvent[];
  actions: ActionCall[];
  log: string[];
}

export function ddnsDeps(dataDir: string, clock: Clock): { deps: ServiceDeps; seen: Seen } {
  const lines: string[] = [];
  const log = createLogger('test', { write: (line) => lines.push(line), minLevel: 'debug' });
  const { bus, sessions, events } = serviceRig(dataDir, clock, log, ['ip-change', 'ip-unknown', 'failover']);
  const seen: Seen = { events, actions: [], log: lines };
  const deps: ServiceDeps = {
    dataDir,
    // ddns never probes; the runtime hands every service its prober.
    prober: new ScriptedProber(clock, () => ({ kind: 'drop' })),
    clock,
    log,
    actions: { call: (action) => seen.actions.push(action) },
    bus,
    sessions,
  };
  return { deps, seen };
}

export function ddnsConfig(providers: string[], change: Partial<DdnsConfig> = {}): DdnsConfig {
  return { enabled: true, interval: 60, timeout: 5, providers, family: 'ipv4', ...change };
}

/**
 * A provider's behaviour for a scripted fetch: a body, a failure, or no answer at all (the
 * request then ends only when its signal aborts, as a real one does).
 */
export const HANG: unique symbol = Symbol('hang');
export type Scripted = string | Error | typeof HANG;

/** A FetchText answering from `script`, which the test changes between rounds. */
export function scriptedFetch(script: Record<string, Scripted>): FetchText & { asked: string[]; signals: AbortSignal[] } {
  const asked: string[] = [];
  const signals: AbortSignal[] = [];
  const fetch = (url: string, { signal }: { signal: AbortSignal }): Promise<string> => {
    asked.push(url);
    signals.push(signal);
    const behaviour = script[url] ?? new Error('no such provider');
    if (behaviour === HANG) return new Promise((_, reject) => signal.addEventListener('abort', () => reject(new Error('aborted')), { once: true }));
    return behaviour instanceof Error ? Promise.reject(behaviour) : Promise.resolve(behaviour);
  };
  return Object.assign(fetch, { asked, signals });
}
