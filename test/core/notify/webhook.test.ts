import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { IANAZone } from 'luxon';
import { WebhookNotifier } from '../../../src/core/notify/webhook.js';
import { noticeJson } from '../../../src/shared/notice-json.js';
import { Endpoint } from './endpoint.js';
import { T0, at, capturedLog } from './scripted-send.js';
import { WatchedClock } from './watched-clock.js';

const UTC = IANAZone.create('UTC');

async function webhook(answers: Array<number | 'hang'>) {
  const endpoint = await Endpoint.start(answers);
  after(() => endpoint.close());
  const clock = new WatchedClock(T0);
  const { lines, log } = capturedLog();
  const notifier = new WebhookNotifier(endpoint.url('/hooks/123/secret-token'), clock, log, { zone: UTC });
  return { endpoint, clock, lines, notifier };
}

describe('JSON webhook', () => {
  it('POSTs the documented body, one per notice, in order', async () => {
    const { endpoint, notifier } = await webhook([204]);
    notifier.notify(at.started(0));
    notifier.notify(at.down(20, 20));
    notifier.notify(at.cause(20));
    notifier.notify(at.up(80, 60));
    notifier.notify(at.stopped(90));
    await notifier.flush(5_000);

    assert.equal(endpoint.received.length, 5);
    for (const request of endpoint.received) {
      assert.equal(request.method, 'POST');
      assert.equal(request.path, '/hooks/123/secret-token');
      assert.equal(request.headers['content-type'], 'application/json');
    }
    const bodies = endpoint.bodies().map((b) => noticeJson.parse(b));
    assert.deepEqual(
      bodies.map(({ id: _id, ...rest }) => rest),
      [
        { kind: 'started', time: '2025-10-10T12:00:00Z', up_for_s: null, down_for_s: null, cause: null, text: 'Started monitoring internet. Watching 203.0.113.10.' },
        { kind: 'down', time: '2025-10-10T12:00:20Z', up_for_s: 20, down_for_s: null, cause: null, text: 'internet is UNREACHABLE. 203.0.113.10 does not answer. It was reachable for 20s.' },
        {
          kind: 'cause',
          time: '2025-10-10T12:00:20Z',
          up_for_s: null,
          down_for_s: null,
          cause: 'isp',
          text: 'internet outage: Internet provider. Cause: the internet provider (the router answered, the internet did not).',
        },
        { kind: 'up', time: '2025-10-10T12:01:20Z', up_for_s: null, down_for_s: 60, cause: null, text: 'internet is REACHABLE. 203.0.113.10 answers again. It was unreachable for 1m 0s.' },
        { kind: 'stopped', time: '2025-10-10T12:01:30Z', up_for_s: null, down_for_s: null, cause: null, text: 'Stopped monitoring internet. No longer watching 203.0.113.10.' },
      ].map((b) => ({ version: 1, target: 'internet', address: '203.0.113.10', sent_at: '2025-10-10T12:00:00Z', late: false, dropped_before: 0, ...b })),
    );
    assert.equal(new Set(bodies.map((b) => b.id)).size, 5);
  });

  it('POSTs failovers, address changes, degraded periods and pauses in their documented shapes, the outage fields null', async () => {
    const { endpoint, notifier } = await webhook([204]);
    notifier.notify(at.failover(0));
    notifier.notify(at.failover(5, 'both-down', { active: null, standby: { name: 'lte', address: null, up: false }, verified: null }));
    notifier.notify(at.failover(9, 'postping-failed', { verified: null, checked: '1.1.1.1' }));
    notifier.notify(at.ipChange(10));
    notifier.notify(at.degraded(20));
    notifier.notify(at.degradedEnd(745, 20));
    notifier.notify(at.paused(800, 7200));
    notifier.notify(at.resumed(900));
    await notifier.flush(5_000);

    const bodies = endpoint.bodies().map((b) => noticeJson.parse(b));
    const fiber = { name: 'fiber', address: '192.0.2.10', up: false };
    const lte = { name: 'lte', address: '198.51.100.7', up: true };
    const degraded = { loss_pct: 20, median_rtt_ms: 180.4, baseline_rtt_ms: 24.6, reason: 'loss 20 % (threshold 5 %)' };
    const measured = 'Measured: 20 % of probes lost, answers in 180 ms (usually 25 ms).';
    assert.deepEqual(
      bodies.map(({ id: _id, ...rest }) => rest),
      [
        {
          kind: 'failover',
          time: '2025-10-10T12:00:00Z',
          target: 'lte',
          address: '198.51.100.7',
          failover: { change: 'switch', active: 'standby', primary: fiber, standby: lte, verified: true, checked: null },
          text: 'Switched to the backup link, lte. Internet traffic now goes through lte (198.51.100.7), and the change was confirmed. fiber (192.0.2.10) does not work.',
        },
        {
          kind: 'failover',
          time: '2025-10-10T12:00:05Z',
          target: null,
          address: null,
          failover: { change: 'both-down', active: null, primary: fiber, standby: { name: 'lte', address: null, up: false }, verified: null, checked: null },
          text: 'Both internet links are down. Neither fiber (192.0.2.10) nor lte works: there is no internet connection.',
        },
        {
          kind: 'failover',
          time: '2025-10-10T12:00:09Z',
          target: 'lte',
          address: '198.51.100.7',
          failover: { change: 'postping-failed', active: 'standby', primary: fiber, standby: lte, verified: null, checked: '1.1.1.1' },
          text: 'No internet through lte. After the switch, 1.1.1.1 did not answer through lte (198.51.100.7): the link is up but may not reach the internet.',
        },
        {
          kind: 'ip-change',
          time: '2025-10-10T12:00:10Z',
          target: null,
          address: null,
          ip_change: { family: 'ipv4', old: '203.0.113.7', new: '203.0.113.99', provider: 'https://api.ipify.org' },
          text: 'Your public IP address changed. It is now 203.0.113.99; it was 203.0.113.7 (as https://api.ipify.org reports it).',
        },
        {
          kind: 'degraded',
          time: '2025-10-10T12:00:20Z',
          target: 'internet',
          address: null,
          degraded: { since: '2025-10-10T12:00:20Z', lasted_s: null, ...degraded },
          text: `internet works poorly. Still reachable, but not as it should be: loss 20 % (threshold 5 %). ${measured}`,
        },
        {
          kind: 'degraded-end',
          time: '2025-10-10T12:12:25Z',
          target: 'internet',
          address: null,
          degraded: { since: '2025-10-10T12:00:20Z', lasted_s: 725, ...degraded },
          text: `internet works normally again. It worked poorly for 12m 5s: loss 20 % (threshold 5 %). ${measured}`,
        },
        {
          kind: 'paused',
          time: '2025-10-10T12:13:20Z',
          target: null,
          address: null,
          pause: { until: '2025-10-10T14:00:00Z', reason: 'router maintenance' },
          text: 'Monitoring paused. Checks are paused until 14:00:00 (router maintenance): outages in the meantime are not reported.',
        },
        { kind: 'resumed', time: '2025-10-10T12:15:00Z', target: null, address: null, pause: null, text: 'Monitoring resumed. Checks are running again.' },
      ].map((b) => ({ version: 1, sent_at: '2025-10-10T12:00:00Z', late: false, dropped_before: 0, up_for_s: null, down_for_s: null, cause: null, ...b })),
    );
  });

  it('retries a failed POST with backoff, with the same id', async () => {
    const { endpoint, clock, lines, notifier } = await webhook([503, 200]);
    notifier.notify(at.down(0));
    await endpoint.waitFor(1);
    await clock.asleep();
    await clock.advance(999);
    assert.equal(endpoint.received.length, 1, 'waits out the first backoff');
    await clock.advance(1);
    await endpoint.waitFor(2);
    const [first, second] = endpoint.bodies().map((b) => noticeJson.parse(b));
    assert.equal(first!.id, second!.id);
    assert.ok(lines.some((l) => l.includes('will retry') && l.includes('channel=webhook') && l.includes('error="HTTP 503"')));
    assert.ok(lines.every((l) => !l.includes('secret-token')));
  });
});
