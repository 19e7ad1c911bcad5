import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { inQuietHours, quietHoursEnd } from '../../../../src/core/notify/desktop/quiet-hours.js';
import { DesktopRig, OSLO } from './desktop-rig.js';

const NIGHT = { from: '22:00', to: '07:00' };
/** Oslo's wall clock on 10-11 October 2025 (UTC+2) as epoch ms. */
const oslo = (day: number, hour: number, minute = 0, second = 0) => Date.UTC(2025, 9, day, hour - 2, minute, second);
const ipChange = { kind: 'ip-change', at: 0, family: 'ipv4', old: '203.0.113.7', new: '203.0.113.9', provider: 'https://api.ipify.org' } as const;
const figures = { lossPct: 20, medianRttMs: null, baselineRttMs: null, reason: 'loss 20 %' };

describe('quiet hours on the wall clock', () => {
  it('run from `from` to `to`, across midnight when `from` is later; equal times are never quiet', () => {
    const cases: Array<[number, boolean]> = [
      [oslo(10, 21, 59, 59), false],
      [oslo(10, 22), true],
      [oslo(10, 23, 59), true],
      [oslo(11, 0, 0), true],
      [oslo(11, 6, 59, 59), true],
      [oslo(11, 7), false],
      [oslo(11, 12), false],
    ];
    for (const [ms, quiet] of cases) assert.equal(inQuietHours(NIGHT, ms, OSLO), quiet, new Date(ms).toISOString());
    assert.equal(inQuietHours({ from: '12:00', to: '14:00' }, oslo(10, 13), OSLO), true);
    assert.equal(inQuietHours({ from: '12:00', to: '14:00' }, oslo(10, 14), OSLO), false);
    assert.equal(inQuietHours({ from: '09:00', to: '09:00' }, oslo(10, 9), OSLO), false);
    assert.equal(inQuietHours(null, oslo(10, 23), OSLO), false);
  });

  it('end at `to` the next morning, on the night the clocks go back too (that night is 10 hours long)', () => {
    assert.equal(quietHoursEnd(NIGHT, oslo(10, 23), OSLO), oslo(11, 7));
    assert.equal(quietHoursEnd(NIGHT, oslo(11, 3), OSLO), oslo(11, 7));
    // 26 October 2025: 03:00 CEST becomes 02:00 CET; 07:00 CET is 06:00 UTC.
    assert.equal(quietHoursEnd(NIGHT, Date.UTC(2025, 9, 25, 20), OSLO), Date.UTC(2025, 9, 26, 6));
  });
});

describe('desktop notices in quiet hours', () => {
  it('across midnight hold every notice, and give one summary when they end', async () => {
    const rig = new DesktopRig({ quietHours: NIGHT }, oslo(10, 21, 55));
    await rig.outage(20);
    assert.deepEqual(rig.titles(), ['Internet down', 'Connection restored'], 'before 22:00 notices are shown');
    await rig.wait(15 * 60);
    await rig.outage(30);
    await rig.wait(30 * 60);
    await rig.outage(10);
    rig.tell({ ...ipChange, at: rig.now });
    await rig.wait(3 * 3600);
    rig.tell({ kind: 'degraded', target: 'router', at: rig.now, figures });
    rig.tell({ kind: 'degraded-end', target: 'router', at: rig.now + 60, since: rig.now, figures });
    const beforeEnd = oslo(11, 7) - rig.clock.now() - 1000;
    await rig.clock.advance(beforeEnd);
    assert.equal(rig.toasts.length, 2, 'nothing is shown in quiet hours');
    await rig.wait(1);
    assert.deepEqual(rig.toasts.slice(2), [
      {
        kind: 'quiet-hours',
        title: 'Quiet hours are over',
        body: 'While quiet: 2 outages of router, 40 seconds down; now up; router worked poorly once; the public address changed, now 203.0.113.9.',
      },
    ]);
    await rig.wait(3600);
    assert.equal(rig.toasts.length, 3, 'one summary');
    await rig.outage(5);
    assert.deepEqual(rig.titles().slice(3), ['Internet down', 'Connection restored'], 'after them, notices are shown again');
  });

  it('say a target is still down when they end, and its end is told when it comes', async () => {
    const rig = new DesktopRig({ quietHours: NIGHT }, oslo(11, 6, 50));
    rig.cause('isp', rig.down());
    await rig.clock.advance(oslo(11, 7) - rig.clock.now());
    assert.deepEqual(rig.toasts, [{ kind: 'quiet-hours', title: 'Quiet hours are over', body: 'While quiet: 1 outage of router, 10 minutes down; now down.' }]);
    await rig.wait(5 * 60);
    rig.up(15 * 60);
    assert.equal(rig.toasts.at(-1)?.body, 'router (192.0.2.1) answers again after 15 minutes down. Cause: the internet provider (the router answered, the internet did not).');
  });

  it('take in a burst that was open when they began, and the summary tells only the kinds still chosen', async () => {
    const rig = new DesktopRig({ quietHours: NIGHT, coalesceS: 300 }, oslo(10, 21, 59));
    await rig.outage(5);
    await rig.wait(20);
    await rig.outage(5);
    await rig.wait(20);
    assert.ok(rig.clock.now() < oslo(10, 22));
    await rig.wait(60);
    await rig.outage(5);
    rig.tell({ ...ipChange, at: rig.now });
    rig.notices.update({ enabled: true, events: ['outage'], quietHours: NIGHT, coalesceS: 300 });
    await rig.clock.advance(oslo(11, 7) - rig.clock.now());
    assert.deepEqual(rig.titles(), ['Internet down', 'Connection restored', 'Quiet hours are over']);
    assert.equal(rig.toasts.at(-1)?.body, 'While quiet: 2 outages of router, 10 seconds down; now up.');
  });

  it('give no summary when nothing happened in them', async () => {
    const rig = new DesktopRig({ quietHours: NIGHT }, oslo(10, 21));
    await rig.wait(12 * 3600);
    assert.deepEqual(rig.toasts, []);
  });
});
