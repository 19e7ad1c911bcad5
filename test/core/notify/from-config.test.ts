import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { systemClock } from '../../../src/core/clock.js';
import { notifiersFromConfig } from '../../../src/core/notify/from-config.js';
import { notifyConfig } from '../../../src/shared/config-schema.js';
import { Endpoint } from './endpoint.js';
import { EVERY_KIND, at, capturedLog } from './scripted-send.js';

describe('notifiers from the configuration', () => {
  it('makes none when no channel is configured', () => {
    assert.deepEqual(notifiersFromConfig(notifyConfig.parse({ discord: null, webhook: null, ntfy: null }), systemClock, capturedLog().log), []);
  });

  it('makes one per configured channel, each sending to its own endpoint', async () => {
    const endpoint = await Endpoint.start([200]);
    after(() => endpoint.close());
    const notify = notifyConfig.parse({ discord: { webhook: endpoint.url('/discord') }, webhook: { url: endpoint.url('/webhook') }, ntfy: { url: endpoint.url('/ntfy'), token: 'tk_x' } });
    const notifiers = notifiersFromConfig(notify, systemClock, capturedLog().log);
    assert.deepEqual(notifiers.map((n) => n.name), ['discord', 'webhook', 'ntfy']);
    for (const n of notifiers) n.notify(at.down(0, 10));
    await Promise.all(notifiers.map((n) => n.flush(5_000)));
    assert.deepEqual(endpoint.received.map((r) => r.path).sort(), ['/discord', '/ntfy', '/webhook']);
    assert.equal(endpoint.received.find((r) => r.path === '/ntfy')?.headers.authorization, 'Bearer tk_x');
  });

  it('gives a configuration without `events` the defaults: what each channel sent before, and failovers and address changes where people read', async () => {
    const notify = notifyConfig.parse({ discord: { webhook: 'https://discord.example/x' }, webhook: { url: 'https://hooks.example/x' }, ntfy: { url: 'https://ntfy.example/x', token: null } });
    assert.deepEqual(notify.discord?.events, ['outage', 'restored', 'session', 'failover', 'ip-change']);
    assert.deepEqual(notify.webhook?.events, ['outage', 'restored', 'cause', 'session']);
    assert.deepEqual(notify.ntfy?.events, ['outage', 'restored', 'cause', 'session', 'degraded', 'failover', 'ip-change', 'pause']);

    const told = await tell({});
    assert.deepEqual(told.discord, ['started', 'down', 'up', 'stopped', 'failover', 'ip-change']);
    assert.deepEqual(told.webhook, ['started', 'down', 'cause', 'up', 'stopped']);
    assert.deepEqual(told.ntfy, EVERY_KIND.map((n) => n.kind));
  });

  it('tells each channel only the groups it chose', async () => {
    const told = await tell({ discord: ['failover'], webhook: ['pause', 'degraded', 'ip-change'], ntfy: [] });
    assert.deepEqual(told.discord, ['failover']);
    assert.deepEqual(told.webhook, ['ip-change', 'degraded', 'degraded-end', 'paused', 'resumed']);
    assert.deepEqual(told.ntfy, []);
  });

  it('refuses `cause` for Discord, which has no place for it, and an unknown group anywhere', () => {
    const discord = notifyConfig.safeParse({ discord: { webhook: 'https://discord.example/x', events: ['outage', 'cause'] }, webhook: null, ntfy: null });
    assert.deepEqual(discord.error?.issues.map((i) => [i.path.join('.'), i.message]), [['discord.events.1', 'Discord is never sent cause notices: its messages have no place for them']]);
    const unknown = notifyConfig.safeParse({ discord: null, webhook: { url: 'https://hooks.example/x', events: ['outages'] }, ntfy: null });
    assert.deepEqual(unknown.error?.issues.map((i) => i.path.join('.')), ['webhook.events.0']);
  });
});

type Channel = 'discord' | 'webhook' | 'ntfy';

/**
 * Sends every kind of notice, one at a time, through the channels notifiersFromConfig makes from
 * a configuration with these `events` (none given: the field left out), and returns which kinds
 * each channel sent a request for.
 */
async function tell(events: Partial<Record<Channel, string[]>>): Promise<Record<Channel, string[]>> {
  const endpoint = await Endpoint.start([200]);
  try {
    const chosen = (channel: Channel) => (events[channel] ? { events: events[channel] } : {});
    const notify = notifyConfig.parse({
      discord: { webhook: endpoint.url('/discord'), ...chosen('discord') },
      webhook: { url: endpoint.url('/webhook'), ...chosen('webhook') },
      ntfy: { url: endpoint.url('/ntfy'), token: null, ...chosen('ntfy') },
    });
    const notifiers = notifiersFromConfig(notify, systemClock, capturedLog().log);
    const told: Record<Channel, string[]> = { discord: [], webhook: [], ntfy: [] };
    for (const notice of EVERY_KIND) {
      const before = endpoint.received.length;
      for (const n of notifiers) n.notify(notice);
      await Promise.all(notifiers.map((n) => n.flush(5_000)));
      for (const request of endpoint.received.slice(before)) told[request.path.slice(1) as Channel].push(notice.kind);
    }
    return told;
  } finally {
    await endpoint.close();
  }
}
