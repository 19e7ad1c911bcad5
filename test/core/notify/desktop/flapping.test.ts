import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DesktopRig } from './desktop-rig.js';

/** `count` outages of `downS` seconds, one starting every `everyS` seconds, their causes known at once. */
async function flap(rig: DesktopRig, count: number, everyS: number, downS: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    await rig.outage(downS);
    await rig.wait(everyS - downS);
  }
}

describe('desktop notices: a flapping link', () => {
  it('5 outages in 90 s give one coalesced notice with their count and total, after the first is told', async () => {
    const rig = new DesktopRig({ coalesceS: 120 });
    await flap(rig, 5, 20, 5);
    assert.deepEqual(rig.titles(), ['Internet down', 'Connection restored'], 'the first outage is told at once, the rest are held');
    await rig.wait(120 - 100 - 0.001);
    assert.equal(rig.toasts.length, 2, 'held until the window closes');
    await rig.wait(0.001);
    assert.deepEqual(rig.toasts.slice(2), [{ kind: 'burst', title: 'Connection unstable', body: 'router: 5 outages in 1 minute, 25 seconds down in all; up now.' }]);
    await rig.wait(3_600);
    assert.equal(rig.toasts.length, 3, 'exactly one coalesced notice');
  });

  it('says when the link is still down at the end of the window, and tells its end once the bursts are over', async () => {
    const rig = new DesktopRig({ coalesceS: 60 });
    await flap(rig, 2, 15, 5);
    rig.cause('isp', rig.down());
    await rig.wait(60);
    assert.deepEqual(rig.toasts.at(-1), { kind: 'burst', title: 'Connection unstable', body: 'router: 3 outages in 1 minute, 40 seconds down in all; still down.' });
    await rig.wait(100);
    rig.up(160);
    assert.deepEqual(rig.toasts.at(-1), { kind: 'restored', title: 'Connection restored', body: 'router (192.0.2.1) answers again after 3 minutes down. Cause: the internet provider (the router answered, the internet did not).' });
  });

  it('never gives more than one toast per window while the link keeps flapping, then is quiet, then tells the next outage at once', async () => {
    const rig = new DesktopRig({ coalesceS: 120 });
    await flap(rig, 30, 20, 5);
    await rig.wait(600);
    const bursts = rig.toasts.filter((t) => t.kind === 'burst');
    assert.equal(rig.toasts.length, 2 + 5, '30 outages in 10 minutes: the first told, then one summary per 2-minute window');
    assert.deepEqual(
      bursts.map((t) => t.body.match(/^router: (\d+) outages/)?.[1]),
      ['6', '6', '6', '6', '6'],
    );
    await rig.outage(10);
    assert.deepEqual(rig.titles().slice(-2), ['Internet down', 'Connection restored']);
  });

  it('each target has its own window', async () => {
    const rig = new DesktopRig({ coalesceS: 120 });
    const dns = { target: 'dns', address: '198.51.100.53' };
    for (let i = 0; i < 3; i++) {
      rig.cause('isp', rig.down());
      rig.cause('target', rig.down(dns), dns);
      await rig.wait(5);
      rig.up(5);
      rig.up(5, dns);
      await rig.wait(15);
    }
    await rig.wait(120);
    assert.deepEqual(
      rig.toasts.filter((t) => t.kind === 'burst').map((t) => t.body),
      ['router: 3 outages in 45 seconds, 15 seconds down in all; up now.', 'dns: 3 outages in 45 seconds, 15 seconds down in all; up now.'],
    );
  });

  it('coalesceS 0 tells every outage', async () => {
    const rig = new DesktopRig({ coalesceS: 0 });
    await flap(rig, 5, 20, 5);
    assert.deepEqual(rig.titles(), Array.from({ length: 5 }, () => ['Internet down', 'Connection restored']).flat());
  });
});
