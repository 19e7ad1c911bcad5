import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DeliveryQueue, type Delivery } from '../../../src/core/notify/delivery-queue.js';
import { FakeClock } from '../../support/fake-clock.js';
import { T0, at, capturedLog, scriptedSend } from './scripted-send.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

function setup(options: ConstructorParameters<typeof DeliveryQueue>[4] = {}) {
  const clock = new FakeClock(T0);
  const link = scriptedSend(clock);
  const { lines, log } = capturedLog();
  const queue = new DeliveryQueue('test', link.send, clock, log, options);
  return { clock, link, lines, queue };
}

const kinds = (deliveries: Delivery[]) => deliveries.map((d) => d.notice.kind);

describe('delivery queue', () => {
  it('retries quickly, then parks and keeps trying every minute through an outage of hours', async () => {
    const { clock, link, lines, queue } = setup();
    queue.push(at.started(0));
    await clock.advance(2 * HOUR);

    const times = link.attempts.map((a) => a.at);
    assert.deepEqual(times.slice(0, 9), [0, 1000, 3000, 7000, 15000, 31000, 63000, 123000, 183000]);
    assert.equal(times.length, 7 + Math.floor((2 * HOUR - 63000) / MINUTE), 'never gave up');
    assert.ok(times.slice(7).every((t, i) => t - times[6 + i]! === MINUTE), 'parked: once a minute');

    link.state.linkUp = true;
    await clock.advance(MINUTE);
    const [delivered] = link.delivered();
    assert.equal(delivered?.notice.kind, 'started');
    assert.equal(delivered.late, true);
    assert.equal(new Set(link.attempts.map((a) => a.delivery.id)).size, 1, 'the same id on every attempt');

    const warnings = lines.filter((l) => l.includes(' WARN '));
    assert.equal(warnings.length, 7, 'six retries and one "parked", not a line a minute');
    assert.ok(warnings.every((l) => l.includes('channel=test') && l.includes('error=ENETUNREACH') && !l.includes('connect ENETUNREACH')));
    assert.ok(lines.some((l) => l.includes('INFO') && l.includes('notifications delivered again')));
  });

  it('tries at once when an UP notice says the link is back, then retries quickly again', async () => {
    const { clock, link, queue } = setup({ foldStaleOutages: false });
    queue.push(at.down(0));
    await clock.advance(30 * MINUTE);
    const before = link.attempts.length;

    queue.push(at.up(1800, 1800));
    await clock.advance(0);
    assert.equal(link.attempts.length, before + 1, 'tried at once');
    await clock.advance(1000);
    assert.equal(link.attempts.length, before + 2, 'then a quick retry, not the slow cadence');

    link.state.linkUp = true;
    queue.push(at.up(1801, null));
    await clock.advance(0);
    assert.deepEqual(kinds(link.delivered()), ['down', 'up', 'up']);
    const [down, up] = link.delivered();
    assert.equal(down!.late, true);
    assert.equal(up!.late, false);
  });

  it('tries at once when traffic moved to a link that works, not when the failover left no internet', async () => {
    const { clock, link, queue } = setup();
    queue.push(at.failover(0, 'both-down', { active: null, verified: null }));
    await clock.advance(30 * MINUTE);
    const before = link.attempts.length;

    queue.push(at.failover(1800, 'postping-failed', { verified: null, checked: '1.1.1.1' }));
    await clock.advance(0);
    assert.equal(link.attempts.length, before, 'no internet yet: the parked cadence goes on');

    link.state.linkUp = true;
    queue.push(at.failover(1801));
    await clock.advance(0);
    assert.deepEqual(
      link.delivered().map((d) => d.notice.kind === 'failover' && d.notice.change),
      ['both-down', 'postping-failed', 'switch'],
    );
  });

  it('delivers in order and marks only what waited long as late', async () => {
    const { clock, link, queue } = setup({ foldStaleOutages: false });
    link.state.linkUp = true;
    queue.push(at.started(0));
    queue.push(at.down(5, 5));
    queue.push(at.cause(5));
    queue.push(at.up(9, 4));
    await clock.advance(0);
    assert.deepEqual(kinds(link.delivered()), ['started', 'down', 'cause', 'up']);
    assert.ok(link.delivered().every((d) => !d.late && d.dropped === 0 && d.folded.length === 0));
  });

  it('keeps the newest notices when full and says how many were dropped in the next one sent', async () => {
    const { clock, link, lines, queue } = setup({ maxQueued: 3, foldStaleOutages: false });
    queue.push(at.started(0));
    await clock.advance(100);
    queue.push(at.down(10));
    queue.push(at.cause(10));
    queue.push(at.up(20, 10));
    queue.push(at.stopped(30));
    link.state.linkUp = true;
    await clock.advance(MINUTE);

    assert.deepEqual(kinds(link.delivered()), ['cause', 'up', 'stopped']);
    assert.deepEqual(link.delivered().map((d) => d.dropped), [2, 0, 0]);
    assert.equal(lines.filter((l) => l.includes('queue full')).length, 1, 'said once, not per notice');
  });

  it('folds a DOWN still unsent when its UP arrives into that UP', async () => {
    const { clock, link, queue } = setup();
    queue.push(at.down(0, 3600));
    queue.push(at.cause(0));
    await clock.advance(2 * HOUR);
    link.state.linkUp = true;
    queue.push(at.up(7200, 7200));
    await clock.advance(0);

    const [up] = link.delivered();
    assert.ok(up);
    assert.equal(link.delivered().length, 1);
    assert.equal(up.notice.kind === 'up' && up.notice.downForSeconds, 7200);
    assert.deepEqual(up.folded.map((n) => n.kind), ['down', 'cause']);
  });

  describe('flush', () => {
    it('returns as soon as the queue is empty', async () => {
      const { clock, link, queue } = setup();
      link.state.linkUp = true;
      queue.push(at.stopped(0));
      await queue.flush(5_000);
      assert.equal(clock.now(), T0);
      assert.deepEqual(kinds(link.delivered()), ['stopped']);
    });

    it('tries a parked queue at once instead of waiting for its next turn', async () => {
      const { clock, link, queue } = setup();
      queue.push(at.down(0));
      await clock.advance(10 * MINUTE);
      link.state.linkUp = true;
      queue.push(at.stopped(600));
      const now = clock.now();
      await queue.flush(5_000);
      assert.equal(clock.now(), now);
      assert.deepEqual(kinds(link.delivered()), ['down', 'stopped']);
    });

    it('gives up after its time, says how many it dropped, and stops trying', async () => {
      const { clock, link, lines, queue } = setup();
      queue.push(at.down(0));
      queue.push(at.stopped(1));
      const flushing = queue.flush(5_000);
      await clock.advance(5_000);
      await flushing;
      assert.ok(lines.some((l) => l.includes('gave up on undelivered notifications at shutdown') && l.includes('count=2') && l.includes('channel=test')));

      const tried = link.attempts.length;
      link.state.linkUp = true;
      queue.push(at.started(2));
      await clock.advance(HOUR);
      assert.equal(link.attempts.length, tried, 'nothing more after shutdown');
    });

    it('cuts a hanging request short', async () => {
      const clock = new FakeClock(T0);
      const signals: AbortSignal[] = [];
      const hang = (_: Delivery, signal: AbortSignal) =>
        new Promise<void>((_resolve, reject) => {
          signals.push(signal);
          signal.addEventListener('abort', () => reject(signal.reason as Error));
        });
      const queue = new DeliveryQueue('test', hang, clock, capturedLog().log);
      const t = performance.now();
      queue.push(at.started(0));
      queue.push(at.down(1));
      assert.ok(performance.now() - t < 20, 'push() returned at once');
      const flushing = queue.flush(1_000);
      await clock.advance(1_000);
      await flushing;
      assert.equal(signals.length, 1);
      assert.equal(signals[0]!.aborted, true);
    });
  });
});
