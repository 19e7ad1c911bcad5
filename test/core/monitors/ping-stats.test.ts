import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MinuteTotals, pingResultCall, roundResult } from '../../../src/core/monitors/ping/ping-stats.js';
import type { ProbeResult } from '../../../src/core/probe/prober.js';

const reply = (rttMs: number): ProbeResult => ({ ok: true, rttMs, from: '203.0.113.10' });
const timeout: ProbeResult = { ok: false, reason: 'timeout' };
const unreachable: ProbeResult = { ok: false, reason: 'unreachable', from: '198.51.100.2', detail: 'net unreachable' };
const local: ProbeResult = { ok: false, reason: 'local', code: 'ENETUNREACH', detail: 'Network is unreachable' };
const notSent: ProbeResult = { ok: false, reason: 'error', detail: 'helper restarting' };

const call = (results: ProbeResult[]) => pingResultCall('203.0.113.10', roundResult(results));

describe('one round of pings', () => {
  it('gives min, avg, max and, as icmplib, jitter as the mean difference of consecutive round trips', () => {
    assert.deepEqual(call([reply(10), reply(14), reply(11), reply(19)]), {
      command: 'ping-result',
      address: '203.0.113.10',
      alive: true,
      minMs: 10,
      avgMs: 13.5,
      maxMs: 19,
      loss: 0,
      jitterMs: 5, // (4 + 3 + 8) / 3
    });
  });

  it('counts lost requests, and takes jitter over the replies only, in the order they were sent', () => {
    const result = call([reply(10), timeout, reply(20), timeout, reply(12)]);
    assert.equal(result.command === 'ping-result' && result.loss, 0.4);
    assert.equal(result.command === 'ping-result' && result.jitterMs, 9); // (10 + 8) / 2
  });

  it('counts an ICMP error from a router, and a request our own side could not send, as lost', () => {
    assert.deepEqual(roundResult([reply(5), unreachable, local]), { sent: 3, rttsMs: [5] });
    const result = call([unreachable, unreachable]);
    assert.equal(result.command === 'ping-result' && result.loss, 1);
  });

  it('leaves out a request that was never sent: it measured nothing', () => {
    assert.deepEqual(roundResult([notSent, reply(7), notSent]), { sent: 1, rttsMs: [7] });
    assert.deepEqual(roundResult([notSent, notSent]), { sent: 0, rttsMs: [] });
  });

  it('says a target that never answers is not alive, with zeros where imon gave icmplib zeros', () => {
    assert.deepEqual(call([timeout, timeout, timeout]), {
      command: 'ping-result',
      address: '203.0.113.10',
      alive: false,
      minMs: 0,
      avgMs: 0,
      maxMs: 0,
      loss: 1,
      jitterMs: 0,
    });
  });

  it('rounds as icmplib did: round trips to 3 decimals, loss to 2', () => {
    const result = call([reply(1.23456), timeout, timeout]);
    assert.equal(result.command === 'ping-result' && result.minMs, 1.235);
    assert.equal(result.command === 'ping-result' && result.loss, 0.67);
    const one = call([reply(1), reply(1), reply(1), reply(1), timeout]);
    assert.equal(one.command === 'ping-result' && one.loss, 0.2);
  });
});

describe('a minute of rounds', () => {
  it('adds up requests and replies, with min, max and avg over every reply', () => {
    const minute = new MinuteTotals();
    minute.add(roundResult([reply(10), reply(30), timeout]));
    minute.add(roundResult([reply(20), timeout, timeout]));
    assert.deepEqual(minute.sample(600), { at: 600, sent: 6, received: 3, minMs: 10, avgMs: 20, maxMs: 30, jitterMs: 20 });
  });

  it('takes jitter within rounds only, weighted by how many differences each round gave', () => {
    const minute = new MinuteTotals();
    minute.add(roundResult([reply(10), reply(12), reply(10)])); // differences 2, 2
    minute.add(roundResult([reply(100), reply(108)])); // difference 8; the jump from 10 to 100 between rounds is not jitter
    assert.equal(minute.sample(0).jitterMs, 4);
  });

  it('has no round-trip figures when nothing answered, and no jitter without two replies in a round', () => {
    const silent = new MinuteTotals();
    silent.add(roundResult([timeout, unreachable]));
    assert.deepEqual(silent.sample(0), { at: 0, sent: 2, received: 0, minMs: null, avgMs: null, maxMs: null, jitterMs: null });
    const sparse = new MinuteTotals();
    sparse.add(roundResult([reply(9), timeout]));
    sparse.add(roundResult([timeout, reply(11)]));
    assert.deepEqual(sparse.sample(0), { at: 0, sent: 4, received: 2, minMs: 9, avgMs: 10, maxMs: 11, jitterMs: null });
  });
});
