import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { IANAZone } from 'luxon';
import { DiscordNotifier } from '../../../src/core/notify/discord.js';
import { NtfyNotifier } from '../../../src/core/notify/ntfy.js';
import { WebhookNotifier } from '../../../src/core/notify/webhook.js';
import { noticeJson } from '../../../src/shared/notice-json.js';
import { Endpoint } from './endpoint.js';
import { T0, at, capturedLog } from './scripted-send.js';
import { WatchedClock } from './watched-clock.js';

const UTC = IANAZone.create('UTC');
const MINUTE = 60_000;

/**
 * Two hours without a link: every endpoint refuses connections (as when the route is gone), the
 * engine's notices keep coming, then the link returns with the UP notice.
 */
describe('a long outage with the endpoints unreachable', () => {
  it('keeps every notice and delivers them in order, with the duration, when the link returns', async () => {
    const endpoints = { discord: await Endpoint.start([204]), webhook: await Endpoint.start([200]), ntfy: await Endpoint.start([200]) };
    after(() => Promise.all(Object.values(endpoints).map((e) => e.close())));
    const clock = new WatchedClock(T0);
    const { lines, log } = capturedLog();
    const notifiers = [
      new DiscordNotifier(endpoints.discord.url('/api/webhooks/123/secret-token'), clock, log.child('discord'), { zone: UTC }),
      new WebhookNotifier(endpoints.webhook.url('/hook/secret-path'), clock, log.child('webhook'), { zone: UTC }),
      new NtfyNotifier({ url: endpoints.ntfy.url('/secret-topic'), token: 'tk_secret' }, clock, log.child('ntfy'), { zone: UTC }),
    ];
    const notify = (notice: Parameters<DiscordNotifier['notify']>[0]) => notifiers.forEach((n) => n.notify(notice));
    await Promise.all(Object.values(endpoints).map((e) => e.down()));

    notify(at.started(0));
    for (let minute = 1; minute <= 130; minute++) {
      await clock.asleep(notifiers.length);
      await clock.advance(MINUTE);
      if (minute === 10) {
        notify(at.down(600, 600));
        notify(at.cause(600));
      }
    }
    await clock.asleep(notifiers.length);
    await Promise.all(Object.values(endpoints).map((e) => e.up()));
    notify(at.up(7800, 7200));

    await endpoints.webhook.waitFor(4);
    const hooks = endpoints.webhook.bodies().map((b) => noticeJson.parse(b));
    assert.deepEqual(
      hooks.map((b) => [b.kind, b.time, b.late]),
      [
        ['started', '2025-10-10T12:00:00Z', true],
        ['down', '2025-10-10T12:10:00Z', true],
        ['cause', '2025-10-10T12:10:00Z', true],
        ['up', '2025-10-10T14:10:00Z', false],
      ],
    );
    assert.equal(hooks[3]!.down_for_s, 7200);
    assert.ok(hooks.every((b) => b.sent_at === '2025-10-10T14:10:00Z'));

    await endpoints.ntfy.waitFor(2);
    assert.deepEqual(
      endpoints.ntfy.received.map((r) => [r.headers.title, r.headers.priority, r.headers.tags]),
      [
        ['Started monitoring internet', 'low', 'arrow_forward,internet,late'],
        ['internet is REACHABLE', 'default', 'white_check_mark,internet'],
      ],
      'the stale DOWN is folded into its UP, not sent as a late alarm',
    );
    assert.equal(endpoints.ntfy.received[0]!.body, 'Watching 203.0.113.10.\n(sent late: happened at 12:00:00)');
    assert.equal(
      endpoints.ntfy.received[1]!.body,
      [
        '203.0.113.10 answers again. It was unreachable for 2h 0s.',
        'Unreachable from 12:10:00 to 14:10:00 (the UNREACHABLE notice could not be sent at the time).',
        'Cause: the internet provider (the router answered, the internet did not).',
      ].join('\n'),
    );

    await endpoints.discord.waitFor(2);
    const embeds = endpoints.discord.bodies().map((b) => (b as { embeds: Array<{ title: string; description: string | null }> }).embeds[0]);
    assert.deepEqual(embeds.map((e) => [e?.title, e?.description]), [
      ['Started monitoring 203.0.113.10', '(sent late: happened at 12:00:00)'],
      ['203.0.113.10 is REACHABLE', 'Was unreachable for 2h 0s\nUnreachable from 12:10:00 to 14:10:00 (the UNREACHABLE notice could not be sent at the time).'],
    ]);

    const failures = lines.filter((l) => l.includes(' WARN '));
    assert.equal(failures.length, 3 * 7, 'per channel: six quick retries and one "parked", not a line a minute');
    assert.ok(failures.every((l) => /channel=(discord|webhook|ntfy) .*error=ECONNREFUSED/.test(l)));
    for (const secret of ['secret-token', 'secret-path', 'secret-topic', 'tk_secret']) assert.ok(lines.every((l) => !l.includes(secret)), secret);
  });
});
