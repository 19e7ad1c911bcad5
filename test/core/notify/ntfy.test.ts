import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { IANAZone } from 'luxon';
import { systemClock } from '../../../src/core/clock.js';
import type { Delivery } from '../../../src/core/notify/delivery-queue.js';
import { NtfyNotifier, ntfyMessage } from '../../../src/core/notify/ntfy.js';
import { Endpoint } from './endpoint.js';
import { T0, at, capturedLog } from './scripted-send.js';

const UTC = IANAZone.create('UTC');
const delivery = (d: Partial<Delivery> & Pick<Delivery, 'notice'>): Delivery => ({
  id: '0b8a3f0e-4a8e-4a57-9d1e-6c1f2b7c9a10',
  folded: [],
  queuedAt: T0,
  sentAt: T0,
  late: false,
  dropped: 0,
  ...d,
});

describe('ntfy', () => {
  it('publishes with the headers ntfy documents, and the access token', async () => {
    const endpoint = await Endpoint.start([200]);
    after(() => endpoint.close());
    const ntfy = new NtfyNotifier({ url: endpoint.url('/nom-secret-topic'), token: 'tk_secrettoken' }, systemClock, capturedLog().log, { zone: UTC });
    ntfy.notify(at.down(0, 3725));
    await ntfy.flush(5_000);

    const [request] = endpoint.received;
    assert.equal(request?.method, 'POST');
    assert.equal(request.path, '/nom-secret-topic');
    assert.equal(request.headers.title, 'internet is UNREACHABLE');
    assert.equal(request.headers.priority, 'high');
    assert.equal(request.headers.tags, 'rotating_light,internet');
    assert.equal(request.headers.authorization, 'Bearer tk_secrettoken');
    assert.equal(request.headers['content-type'], 'text/plain; charset=utf-8');
    assert.equal(request.body, '203.0.113.10 does not answer. It was reachable for 1h 2m 5s.');
  });

  it('sends no Authorization header without a token', async () => {
    const endpoint = await Endpoint.start([200]);
    after(() => endpoint.close());
    const ntfy = new NtfyNotifier({ url: endpoint.url('/topic'), token: null }, systemClock, capturedLog().log, { zone: UTC });
    ntfy.notify(at.started(0));
    await ntfy.flush(5_000);
    assert.equal(endpoint.received[0]?.headers.authorization, undefined);
  });

  it('DOWN is high priority, UP default, the rest low', () => {
    const look = (notice: Delivery['notice']) => {
      const m = ntfyMessage(delivery({ notice }), UTC);
      return [m.title, m.priority, m.tags.join(','), m.body];
    };
    assert.deepEqual(look(at.down(0, null)), ['internet is UNREACHABLE', 'high', 'rotating_light,internet', '203.0.113.10 does not answer.']);
    assert.deepEqual(look(at.up(0, 47)), ['internet is REACHABLE', 'default', 'white_check_mark,internet', '203.0.113.10 answers again. It was unreachable for 47s.']);
    assert.deepEqual(look(at.cause(0)), [
      'internet outage: Internet provider',
      'low',
      'mag,internet',
      'Cause: the internet provider (the router answered, the internet did not).',
    ]);
    assert.deepEqual(look(at.started(0)), ['Started monitoring internet', 'low', 'arrow_forward,internet', 'Watching 203.0.113.10.']);
    assert.deepEqual(look(at.stopped(0)), ['Stopped monitoring internet', 'low', 'stop_button,internet', 'No longer watching 203.0.113.10.']);
  });

  it('a failover is high priority unless the internet still works; address changes, degraded periods and pauses are low', () => {
    const look = (notice: Delivery['notice']) => {
      const m = ntfyMessage(delivery({ notice }), UTC);
      return [m.title, m.priority, m.tags.join(','), m.body];
    };
    assert.deepEqual(look(at.failover(0)), [
      'Switched to the backup link, lte',
      'default',
      'twisted_rightwards_arrows,lte',
      'Internet traffic now goes through lte (198.51.100.7), and the change was confirmed. fiber (192.0.2.10) does not work.',
    ]);
    const back = { active: 'primary', primary: { name: 'fiber', address: '192.0.2.10', up: true }, verified: null } as const;
    assert.deepEqual(look(at.failover(0, 'switch', back)), [
      'Back on the main link, fiber',
      'default',
      'twisted_rightwards_arrows,fiber',
      'Internet traffic now goes through fiber (192.0.2.10). lte (198.51.100.7) works.',
    ]);
    assert.deepEqual(look(at.failover(0, 'switch', { active: 'primary', verified: false })), [
      'Could not switch to lte',
      'high',
      'rotating_light,fiber',
      'The change did not take effect: internet traffic stays on fiber. fiber (192.0.2.10) does not work. lte (198.51.100.7) works.',
    ]);
    assert.deepEqual(look(at.failover(0, 'both-down', { active: null, standby: { name: 'lte', address: null, up: false }, verified: null })), [
      'Both internet links are down',
      'high',
      'rotating_light',
      'Neither fiber (192.0.2.10) nor lte works: there is no internet connection.',
    ]);
    assert.deepEqual(look(at.failover(0, 'postping-failed', { verified: null, checked: '1.1.1.1' })), [
      'No internet through lte',
      'high',
      'rotating_light,lte',
      'After the switch, 1.1.1.1 did not answer through lte (198.51.100.7): the link is up but may not reach the internet.',
    ]);
    assert.deepEqual(look(at.ipChange(0)), [
      'Your public IP address changed',
      'low',
      'globe_with_meridians',
      'It is now 203.0.113.99; it was 203.0.113.7 (as https://api.ipify.org reports it).',
    ]);
    const measured = 'Measured: 20 % of probes lost, answers in 180 ms (usually 25 ms).';
    assert.deepEqual(look(at.degraded(0)), ['internet works poorly', 'low', 'snail,internet', `Still reachable, but not as it should be: loss 20 % (threshold 5 %). ${measured}`]);
    assert.deepEqual(look(at.degradedEnd(725, 0)), ['internet works normally again', 'low', 'ok,internet', `It worked poorly for 12m 5s: loss 20 % (threshold 5 %). ${measured}`]);
    assert.deepEqual(look(at.paused(0, 7200)), [
      'Monitoring paused',
      'low',
      'pause_button',
      'Checks are paused until 14:00:00 (router maintenance): outages in the meantime are not reported.',
    ]);
    assert.equal(look(at.paused(0, 90_000))[3], 'Checks are paused until 2025-10-11 13:00:00 (router maintenance): outages in the meantime are not reported.');
    assert.equal(look(at.paused(0, null, null))[3], 'Checks are paused until someone resumes them: outages in the meantime are not reported.');
    assert.deepEqual(look(at.resumed(0)), ['Monitoring resumed', 'low', 'arrow_forward', 'Checks are running again.']);
  });

  it('says when a late notice happened, what a folded UP stands for, and how many were dropped', () => {
    const late = ntfyMessage(delivery({ notice: at.down(0, null), sentAt: T0 + 3_600_000, late: true, dropped: 1 }), UTC);
    assert.deepEqual(late.tags, ['rotating_light', 'internet', 'late']);
    assert.equal(
      late.body,
      '203.0.113.10 does not answer.\n(sent late: happened at 12:00:00)\n(1 older notice was dropped: too many were waiting to be sent)',
    );

    const nextDay = ntfyMessage(delivery({ notice: at.started(0), sentAt: T0 + 86_400_000, late: true }), UTC);
    assert.match(nextDay.body, /happened at 2025-10-10 12:00:00\)$/);

    const folded = ntfyMessage(delivery({ notice: at.up(7200, 7200), folded: [at.down(0, null), at.cause(0)], sentAt: T0 + 7_200_000 }), UTC);
    assert.equal(folded.priority, 'default');
    assert.equal(
      folded.body,
      [
        '203.0.113.10 answers again. It was unreachable for 2h 0s.',
        'Unreachable from 12:00:00 to 14:00:00 (the UNREACHABLE notice could not be sent at the time).',
        'Cause: the internet provider (the router answered, the internet did not).',
      ].join('\n'),
    );
  });
});
