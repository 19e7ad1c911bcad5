import type { ProbeFact } from '../../shared/events.js';
import type { ProbeResult } from '../probe/prober.js';

/** A probe result as the journal keeps it. */
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
