import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DegradedDetector } from '../../../src/core/monitors/degraded-detector.js';
import type { MonitorEvent } from '../../../src/shared/events.js';

const T0 = Date.UTC(2025, 9, 10, 12, 0, 0);
const S0 = T0 / 1000;
const HOME = { lossPct: 5, rttFactor: 3, windowS: 60 };

function detector() {
  const events: Array<Extract<MonitorEvent, { type: 'degraded' | 'degraded-end' }>> = [];
  const d = new DegradedDetector('internet', HOME, (e) => events.push(e));
  return { d, events };
}

/** One check a second from `fromS` to `toS`: `rtt(s)` gives each one's round trip, null for a lost one. */
function feed(d: DegradedDetector, fromS: number, toS: number, rtt: (s: number) => number | null): void {
  for (let s = fromS; s < toS; s++) d.check(T0 + s * 1000, rtt(s));
}

describe('degraded detector', () => {
  it('20 % loss for three minutes is one degraded period, ended by the first good minute', () => {
    const { d, events } = detector();
    feed(d, 0, 600, (s) => (s >= 120 && s < 300 && s % 5 === 0 ? null : 8));
    assert.deepEqual(
      events.map((e) => [e.type, e.start - S0, e.type === 'degraded-end' ? e.end - S0 : null, e.loss_pct]),
      [
        ['degraded', 120, null, 20],
        ['degraded-end', 120, 300, 20],
      ],
    );
    assert.match(events[0]!.type === 'degraded' ? events[0]!.reason : '', /^loss 20 % \(threshold 5 %\) over 60 s$/);
  });

  it('a round trip at 3× its own baseline is degraded; the baseline is the target’s, learnt from its good minutes', () => {
    const { d, events } = detector();
    feed(d, 0, 900, () => 20);
    feed(d, 900, 1080, () => 90);
    feed(d, 1080, 1200, () => 20);
    const [start, end] = events;
    assert.equal(start?.type === 'degraded' && start.start - S0, 900);
    assert.equal(start?.type === 'degraded' && start.baseline_rtt_ms, 20);
    assert.match(start?.type === 'degraded' ? start.reason : '', /median round trip 90 ms, 4\.5× its baseline of 20 ms \(threshold 3×\)/);
    assert.equal(end?.type === 'degraded-end' && end.end - S0, 1080);
  });

  it('a fast line’s small rise is noise, not degradation, and no baseline means no judgement of round trips', () => {
    const { d, events } = detector();
    feed(d, 0, 300, () => 200);
    feed(d, 300, 900, () => 1);
    feed(d, 900, 1200, () => 4);
    assert.deepEqual(events, []);
  });

  it('an outage ends the degraded period at its start, and minutes down are never judged', () => {
    const { d, events } = detector();
    feed(d, 0, 200, (s) => (s % 4 === 0 ? null : 8));
    d.wentDown(S0 + 200);
    d.wentUp();
    feed(d, 260, 400, () => 8);
    assert.deepEqual(events.map((e) => [e.type, e.type === 'degraded-end' ? e.end - S0 : e.start - S0]), [
      ['degraded', 0],
      ['degraded-end', 200],
    ]);
  });
});
