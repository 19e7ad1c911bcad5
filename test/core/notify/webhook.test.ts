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
