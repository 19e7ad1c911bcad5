import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { systemClock } from '../../../src/core/clock.js';
import { notifiersFromConfig } from '../../../src/core/notify/from-config.js';
import { Endpoint } from './endpoint.js';
import { at, capturedLog } from './scripted-send.js';

describe('notifiers from the configuration', () => {
  it('makes none when no channel is configured', () => {
    assert.deepEqual(notifiersFromConfig({ discord: null, webhook: null, ntfy: null }, systemClock, capturedLog().log), []);
  });

  it('makes one per configured channel, each sending to its own endpoint', async () => {
    const endpoint = await Endpoint.start([200]);
    after(() => endpoint.close());
    const notifiers = notifiersFromConfig(
      { discord: { webhook: endpoint.url('/discord') }, webhook: { url: endpoint.url('/webhook') }, ntfy: { url: endpoint.url('/ntfy'), token: 'tk_x' } },
      systemClock,
      capturedLog().log,
    );
    assert.deepEqual(notifiers.map((n) => n.name), ['discord', 'webhook', 'ntfy']);
    for (const n of notifiers) n.notify(at.down(0, 10));
    await Promise.all(notifiers.map((n) => n.flush(5_000)));
    assert.deepEqual(endpoint.received.map((r) => r.path).sort(), ['/discord', '/ntfy', '/webhook']);
    assert.equal(endpoint.received.find((r) => r.path === '/ntfy')?.headers.authorization, 'Bearer tk_x');
  });
});
