import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { IANAZone } from 'luxon';
import { ChosenNotices, GROUP_OF } from '../../../src/core/notify/chosen-notices.js';
import type { Notice, Notifier } from '../../../src/core/notify/notifier.js';
import { NtfyNotifier } from '../../../src/core/notify/ntfy.js';
import { noticeGroup } from '../../../src/shared/config-schema.js';
import { Endpoint } from './endpoint.js';
import { EVERY_KIND, T0, at, capturedLog } from './scripted-send.js';
import { WatchedClock } from './watched-clock.js';

describe('a channel told only the groups it chose', () => {
  it('is told the kinds of its groups, in order, and never the others', () => {
    const told: Notice[] = [];
    const channel = { name: 'recorder', notify: (notice: Notice) => void told.push(notice), flush: () => Promise.resolve() } satisfies Notifier;
    const chosen = new ChosenNotices(channel, ['restored', 'pause', 'failover']);
    for (const notice of EVERY_KIND) chosen.notify(notice);
    assert.deepEqual(told.map((n) => n.kind), ['up', 'failover', 'paused', 'resumed']);
    assert.equal(chosen.name, 'recorder', 'the log still names the channel');
  });

  it('every kind is chosen by a group the configuration names, and every group chooses some kind', () => {
    assert.deepEqual(new Set(Object.values(GROUP_OF)), new Set(noticeGroup.options));
  });

  it('queues nothing and sends nothing for a group not chosen', async () => {
    const endpoint = await Endpoint.start([200]);
    after(() => endpoint.close());
    const clock = new WatchedClock(T0);
    const ntfy = new ChosenNotices(new NtfyNotifier({ url: endpoint.url('/topic'), token: null }, clock, capturedLog().log, { zone: IANAZone.create('UTC') }), ['outage']);
    for (const notice of EVERY_KIND.filter((n) => n.kind !== 'down')) ntfy.notify(notice);
    await ntfy.flush(1_000);
    assert.equal(endpoint.received.length, 0);
    assert.equal(clock.pending, 0, 'no queue is waiting to send anything');

    ntfy.notify(at.down(10));
    await ntfy.flush(1_000);
    assert.deepEqual(endpoint.received.map((r) => r.headers.title), ['internet is UNREACHABLE']);
  });
});
