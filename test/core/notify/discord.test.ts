import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { systemClock } from '../../../src/core/clock.js';
import { createLogger } from '../../../src/core/log.js';
import { IANAZone } from 'luxon';
import { DiscordNotifier, discordDelivery, discordEmbed } from '../../../src/core/notify/discord.js';
import { httpRecorder } from '../../support/http-recorder.js';
import type { Notice } from '../../../src/core/notify/notifier.js';
import { T0, at } from './scripted-send.js';

const base = { target: 'internet', address: '203.0.113.10', at: 1_760_127_128 };
const UTC = IANAZone.create('UTC');

describe('Discord notices', () => {
  it("use network-outage-monitor's titles and colours", () => {
    assert.deepEqual(discordEmbed({ kind: 'started', ...base }, UTC), { title: 'Started monitoring 203.0.113.10', description: null, color: 0x0389fa });
    assert.deepEqual(discordEmbed({ kind: 'stopped', ...base }, UTC), { title: 'Stopped monitoring 203.0.113.10', description: null, color: 0x0389fa });
    assert.deepEqual(discordEmbed({ kind: 'down', ...base, upForSeconds: 3725 }, UTC), {
      title: '203.0.113.10 is UNREACHABLE',
      description: 'Was reachable for 1h 2m 5s',
      color: 0xe74c3c,
    });
    assert.deepEqual(discordEmbed({ kind: 'up', ...base, downForSeconds: 47 }, UTC), {
      title: '203.0.113.10 is REACHABLE',
      description: 'Was unreachable for 47s',
      color: 0x2ecc71,
    });
    assert.equal(discordEmbed({ kind: 'up', ...base, downForSeconds: null }, UTC)?.description, null);
  });

  it('tells of failovers, address changes, degraded periods and pauses in the words the other channels use, coloured by how bad', () => {
    const embed = (notice: Notice) => {
      const e = discordEmbed(notice, UTC);
      return e && [e.title, e.description, e.color.toString(16)];
    };
    const back = { active: 'primary', primary: { name: 'fiber', address: '192.0.2.10', up: true }, verified: null } as const;
    assert.deepEqual(embed(at.failover(0)), [
      'Switched to the backup link, lte',
      'Internet traffic now goes through lte (198.51.100.7), and the change was confirmed. fiber (192.0.2.10) does not work.',
      'e67e22',
    ]);
    assert.deepEqual(embed(at.failover(0, 'switch', back)), ['Back on the main link, fiber', 'Internet traffic now goes through fiber (192.0.2.10). lte (198.51.100.7) works.', '2ecc71']);
    assert.deepEqual(embed(at.failover(0, 'switch', { active: 'primary', verified: false })), [
      'Could not switch to lte',
      'The change did not take effect: internet traffic stays on fiber. fiber (192.0.2.10) does not work. lte (198.51.100.7) works.',
      'e74c3c',
    ]);
    assert.deepEqual(embed(at.failover(0, 'both-down', { active: null, verified: null })), [
      'Both internet links are down',
      'Neither fiber (192.0.2.10) nor lte (198.51.100.7) works: there is no internet connection.',
      'e74c3c',
    ]);
    assert.deepEqual(embed(at.failover(0, 'postping-failed', { verified: null, checked: '1.1.1.1' })), [
      'No internet through lte',
      'After the switch, 1.1.1.1 did not answer through lte (198.51.100.7): the link is up but may not reach the internet.',
      'e74c3c',
    ]);
    assert.deepEqual(embed(at.ipChange(0)), ['Your public IP address changed', 'It is now 203.0.113.99; it was 203.0.113.7 (as https://api.ipify.org reports it).', '9b59b6']);
    const measured = 'Measured: 20 % of probes lost, answers in 180 ms (usually 25 ms).';
    assert.deepEqual(embed(at.degraded(0)), ['internet works poorly', `Still reachable, but not as it should be: loss 20 % (threshold 5 %). ${measured}`, 'f1c40f']);
    assert.deepEqual(embed(at.degradedEnd(725, 0)), ['internet works normally again', `It worked poorly for 12m 5s: loss 20 % (threshold 5 %). ${measured}`, '2ecc71']);
    assert.deepEqual(embed(at.paused(0, 7200)), ['Monitoring paused', 'Checks are paused until 14:00:00 (router maintenance): outages in the meantime are not reported.', '95a5a6']);
    assert.deepEqual(embed(at.resumed(0)), ['Monitoring resumed', 'Checks are running again.', '389fa']);
    assert.equal(embed(at.cause(0)), null, 'still no place for a cause');
  });

  it('posts the webhook body network-outage-monitor posts', async () => {
    const server = await httpRecorder([204]);
    after(server.close);
    const discord = new DiscordNotifier(server.url, systemClock, createLogger('test', { write: () => undefined }));
    discord.notify({ kind: 'down', ...base, upForSeconds: null });
    await discord.flush(5_000);
    assert.equal(server.received.length, 1);
    assert.equal(server.received[0]!.method, 'POST');
    assert.deepEqual(JSON.parse(server.received[0]!.body), {
      username: 'Network Outage Monitor',
      embeds: [{ title: '203.0.113.10 is UNREACHABLE', description: null, color: 0xe74c3c }],
    });
  });

  it('never blocks the caller, retries a failed post, and keeps order', async () => {
    const server = await httpRecorder([500, 204]);
    after(server.close);
    const lines: string[] = [];
    const discord = new DiscordNotifier(server.url, systemClock, createLogger('test', { write: (l) => lines.push(l) }));
    const t = performance.now();
    discord.notify({ kind: 'started', ...base });
    discord.notify({ kind: 'down', ...base, upForSeconds: 5 });
    assert.ok(performance.now() - t < 20, 'notify returned at once');
    await discord.flush(10_000);
    const titles = server.received.map((r) => (JSON.parse(r.body) as { embeds: Array<{ title: string }> }).embeds[0]!.title);
    assert.deepEqual(titles, ['Started monitoring 203.0.113.10', 'Started monitoring 203.0.113.10', '203.0.113.10 is UNREACHABLE']);
    assert.ok(lines.some((l) => l.includes('will retry')));
    assert.ok(lines.every((l) => !l.includes('secret-token')), 'the webhook secret is never logged');
  });

  it('adds under the description when a notice was late, what a folded UP stands for, and what was dropped', () => {
    const delivery = { id: 'x', queuedAt: 0, late: false, dropped: 0, folded: [] };
    const utc = IANAZone.create('UTC');
    assert.deepEqual(discordDelivery({ ...delivery, notice: at.started(0), sentAt: T0 + 600_000, late: true, dropped: 2 }, utc), {
      title: 'Started monitoring 203.0.113.10',
      description: '(sent late: happened at 12:00:00)\n(2 older notices were dropped: too many were waiting to be sent)',
      color: 0x0389fa,
    });
    assert.deepEqual(discordDelivery({ ...delivery, notice: at.up(7200, 7200), folded: [at.down(0)], sentAt: T0 + 7_200_000 }, utc), {
      title: '203.0.113.10 is REACHABLE',
      description: 'Was unreachable for 2h 0s\nUnreachable from 12:00:00 to 14:00:00 (the UNREACHABLE notice could not be sent at the time).',
      color: 0x2ecc71,
    });
    assert.deepEqual(discordDelivery({ ...delivery, notice: at.up(9, null), sentAt: T0 + 9_000 }, utc)?.description, null);
  });
});
