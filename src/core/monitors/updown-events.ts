import type { ProbeResult } from '../probe/prober.js';
import type { OutageCause } from './outage-cause.js';

/** What is known of a probe result, in a form fit for the journal. */
export type ProbeFact =
  | { ok: true; rtt_ms: number }
  | { ok: false; reason: 'timeout' | 'unreachable' | 'local' | 'error'; from?: string; detail?: string };

export interface AddressFact {
  address: string;
  result: ProbeFact;
}

export interface StartEvidence {
  first_failure: ProbeFact;
  /** The default gateway's answer, or null when the target is the gateway or none is known. */
  gateway: AddressFact | null;
  dns: { server: string; name: string; answered: boolean; detail: string } | null;
  addping: AddressFact[];
}

/**
 * The honest bounds of an outage, in milliseconds since the epoch: it began after the last
 * success and by the first failure, and ended after the last failure and by the first success.
 */
export interface OutageBounds {
  last_success_before: number | null;
  first_failure: number;
  last_failure: number | null;
  first_success_after: number | null;
}

export type MonitorEvent =
  | { type: 'transition'; target: string; status: 'UP' | 'DOWN'; at: number; initial: boolean }
  | { type: 'outage-start'; target: string; start: number; cause: OutageCause; evidence: StartEvidence }
  | { type: 'outage-end'; target: string; start: number; end: number; bounds: OutageBounds; addping: AddressFact[] };

export function probeFact(result: ProbeResult): ProbeFact {
  if (result.ok) return { ok: true, rtt_ms: Math.round(result.rttMs * 1000) / 1000 };
  switch (result.reason) {
    case 'timeout':
      return { ok: false, reason: 'timeout' };
    case 'unreachable':
      return { ok: false, reason: 'unreachable', from: result.from, detail: result.detail };
    case 'local':
      return { ok: false, reason: 'local', detail: `${result.code}: ${result.detail}` };
    case 'error':
      return { ok: false, reason: 'error', detail: result.detail };
  }
}
