import { sleep, type Clock } from '../../clock.js';
import type { ProbeResult, Prober } from '../../probe/prober.js';

/** The widest gap between the requests of a round. */
const MAX_SPACING_MS = 200;

export interface RoundPlan {
  count: number;
  /** How long each request waits for its reply. */
  waitMs: number;
  spacingMs: number;
}

/**
 * Requests go out a little apart, not in one burst, so that one moment of congestion does not
 * take every request of a round; the spread stays within half the interval, so a round is
 * sent well before the next one is due.
 */
export function roundPlan(intervalS: number, pingcount: number, pingwaitS: number): RoundPlan {
  return { count: pingcount, waitMs: pingwaitS * 1000, spacingMs: Math.min(MAX_SPACING_MS, (intervalS * 1000) / (2 * pingcount)) };
}

/** Sends the round's requests and resolves with every result, in the order they were sent. */
export async function pingRound(prober: Prober, clock: Clock, address: string, plan: RoundPlan): Promise<ProbeResult[]> {
  const replies: Promise<ProbeResult>[] = [];
  for (let i = 0; i < plan.count; i++) {
    if (i > 0) await sleep(clock, plan.spacingMs);
    replies.push(prober.probe(address, plan.waitMs));
  }
  return Promise.all(replies);
}
