import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { IANAZone } from 'luxon';
import { systemClock, type Clock } from '../../../src/core/clock.js';
import type { Logger } from '../../../src/core/log.js';
import { DiscordNotifier } from '../../../src/core/notify/discord.js';
import type { Notifier } from '../../../src/core/notify/notifier.js';
import { NtfyNotifier } from '../../../src/core/notify/ntfy.js';
import { WebhookNotifier } from '../../../src/core/notify/webhook.js';
import { Endpoint } from './endpoint.js';
import { at, capturedLog } from './scripted-send.js';
import { WatchedClock } from './watched-clock.js';

const UTC = IANAZone.create('UTC');
const SECRETS = ['secret-token', 'tk_hunter2'];

const channels: Record<string, (endpoint: Endpoint, clock: Clock, log: Logger) => Notifier> = {
  discord: (e, clock, log) => new DiscordNotifier(e.url('/api/webhooks/123/secret-token'), clock, log, { zone: UTC }),
  webhook: (e, clock, log) => new WebhookNotifier(e.url('/hook?key=secret-token'), clock, log, { zone: UTC }),
  ntfy: (e, clock, log) => new NtfyNotifier({ url: e.url('/secret-token'), token: 'tk_hunter2' }, clock, log, { zone: UTC }),
};

for (const [name, make] of Object.entries(channels)) {
  describe(`${name} channel`, () => {
    it('notify() returns at once, even when the endpoint never answers; flush gives up on time', async () => {
      const endpoint = await Endpoint.start(['hang']);
      after(() => endpoint.close());
      const { lines, log } = capturedLog();
      const notifier = make(endpoint, systemClock, log);
      const t = performance.now();
      assert.equal(notifier.notify(at.started(0)), undefined);
      notifier.notify(at.down(1, 1));
      notifier.notify(at.up(2, 1));
      assert.ok(performance.now() - t < 20, 'notify() did not wait for the network');
      assert.equal(endpoint.received.length, 0, 'nothing was sent synchronously');

      const flushing = performance.now();
      await notifier.flush(300);
      assert.ok(performance.now() - flushing < 2_000, 'flush kept to its time');
      assert.ok(lines.some((l) => l.includes('gave up on undelivered notifications at shutdown') && l.includes(`channel=${name}`)));
    });

    for (const [why, answers] of [['an HTTP error', [500]], ['a refused connection', 'refused']] as const) {
      it(`logs ${why} with the channel and the status or code, never the URL or token`, async () => {
        const endpoint = await Endpoint.start(answers === 'refused' ? [200] : [...answers]);
        after(() => endpoint.close());
        if (answers === 'refused') await endpoint.down();
        const clock = new WatchedClock();
        const { lines, log } = capturedLog();
        const notifier = make(endpoint, clock, log);
        notifier.notify(at.down(0));
        for (let i = 0; i < 8; i++) {
          await clock.asleep();
          await clock.advance(60_000);
        }
        await clock.asleep();
        const failures = lines.filter((l) => l.includes('not delivered') || l.includes('parked'));
        assert.ok(failures.length >= 7);
        const code = answers === 'refused' ? 'error=ECONNREFUSED' : 'error="HTTP 500"';
        assert.ok(failures.every((l) => l.includes(`channel=${name}`) && l.includes(code)), failures.join('\n'));
        for (const secret of SECRETS) assert.ok(lines.every((l) => !l.includes(secret)), `${secret} in the log`);
        assert.ok(lines.every((l) => !l.includes('127.0.0.1')), 'not even the host');
      });
    }
  });
}
