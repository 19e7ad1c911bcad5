import type { OutageCause, ProbeFact } from '../../shared/events.js';
import type { TargetState } from '../../shared/live-events.js';

/** The words for what the monitor found, as a person at home would say them. */
const CAUSE_WORDS: Record<OutageCause, string> = {
  local: 'our own link or the home gateway',
  isp: 'the provider',
  target: 'the target itself',
  unknown: 'unknown',
};

export function causeText(cause: OutageCause | null): string {
  return cause === null ? 'not known yet' : CAUSE_WORDS[cause];
}

export const STATE_WORDS: Record<TargetState, string> = {
  up: 'Up',
  degraded: 'Degraded',
  down: 'Down',
  unknown: 'Unknown',
  paused: 'Paused',
};

/** One probe's result in words: "answered in 12.3 ms", "no answer (timed out)". */
export function probeText(fact: ProbeFact): string {
  if (fact.ok) return `answered in ${rtt(fact.rtt_ms)}`;
  const from = fact.from === undefined ? '' : ` (reported by ${fact.from})`;
  const detail = fact.detail === undefined ? '' : `: ${fact.detail}`;
  switch (fact.reason) {
    case 'timeout':
      return `no answer (timed out)${from}`;
    case 'unreachable':
      return `unreachable${from}${detail}`;
    case 'local':
      return `could not be sent from this machine${detail}`;
    case 'error':
      return `failed${detail}`;
  }
}

export function rtt(ms: number): string {
  return ms < 10 ? `${ms.toFixed(1)} ms` : `${Math.round(ms)} ms`;
}
