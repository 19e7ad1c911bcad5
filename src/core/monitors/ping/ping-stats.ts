import type { ActionCall } from '../../actions/action-call.js';
import type { ProbeResult } from '../../probe/prober.js';
import type { Sample } from '../../store/samples-record.js';

/** One round of echo requests to one address: how many went out, and the replies' round-trip times in the order they were sent. */
export interface RoundResult {
  sent: number;
  rttsMs: number[];
}

/**
 * A request that got an ICMP error from a router, or that our own side could not send (link
 * down), is a lost request like one that timed out: each says the target was not reached. Only
 * a probe that could not be made at all (the helper restarting) went nowhere, and is left out.
 */
export function roundResult(results: readonly ProbeResult[]): RoundResult {
  const rttsMs: number[] = [];
  let sent = 0;
  for (const result of results) {
    if (!result.ok && result.reason === 'error') continue;
    sent++;
    if (result.ok) rttsMs.push(result.rttMs);
  }
  return { sent, rttsMs };
}

/** Sum and count of the absolute differences of consecutive RTTs: icmplib's jitter is their quotient. */
function rttSteps(rttsMs: readonly number[]): { sum: number; count: number } {
  let sum = 0;
  for (let i = 1; i < rttsMs.length; i++) sum += Math.abs(rttsMs[i]! - rttsMs[i - 1]!);
  return { sum, count: Math.max(0, rttsMs.length - 1) };
}

/**
 * The round as imon handed it to the action script: icmplib's figures and rounding (RTTs to
 * 3 decimals, loss to 2), and 0 for whatever could not be measured, so scripts written for
 * imon read the same numbers.
 */
export function pingResultCall(address: string, round: RoundResult): ActionCall {
  const { rttsMs, sent } = round;
  const received = rttsMs.length;
  const steps = rttSteps(rttsMs);
  const sum = rttsMs.reduce((a, b) => a + b, 0);
  return {
    command: 'ping-result',
    address,
    alive: received > 0,
    minMs: received > 0 ? roundTo(Math.min(...rttsMs), 3) : 0,
    avgMs: received > 0 ? roundTo(sum / received, 3) : 0,
    maxMs: received > 0 ? roundTo(Math.max(...rttsMs), 3) : 0,
    loss: sent > 0 ? roundTo((sent - received) / sent, 2) : 0,
    jitterMs: steps.count > 0 ? roundTo(steps.sum / steps.count, 3) : 0,
  };
}

/**
 * The rounds of one minute added up. Jitter stays per round (differences are taken between
 * requests of the same round, never across the interval between rounds), weighted by how many
 * differences each round gave.
 */
export class MinuteTotals {
  sent = 0;
  received = 0;
  private min = Infinity;
  private max = -Infinity;
  private rttSum = 0;
  private stepSum = 0;
  private stepCount = 0;

  add(round: RoundResult): void {
    this.sent += round.sent;
    this.received += round.rttsMs.length;
    for (const rtt of round.rttsMs) {
      if (rtt < this.min) this.min = rtt;
      if (rtt > this.max) this.max = rtt;
      this.rttSum += rtt;
    }
    const steps = rttSteps(round.rttsMs);
    this.stepSum += steps.sum;
    this.stepCount += steps.count;
  }

  sample(at: number): Sample {
    const replied = this.received > 0;
    return {
      at,
      sent: this.sent,
      received: this.received,
      minMs: replied ? this.min : null,
      avgMs: replied ? this.rttSum / this.received : null,
      maxMs: replied ? this.max : null,
      jitterMs: this.stepCount > 0 ? this.stepSum / this.stepCount : null,
    };
  }
}

function roundTo(value: number, decimals: number): number {
  const scale = 10 ** decimals;
  return Math.round(value * scale) / scale;
}
