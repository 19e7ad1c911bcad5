import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CAUSE_WAIT_MS } from '../../../../src/core/notify/desktop/desktop-notices.js';
import type { Notice } from '../../../../src/core/notify/notifier.js';
import { DESKTOP_NOTIFY_DEFAULTS } from '../../../../src/shared/config-schema.js';
import { DesktopRig, ROUTER } from './desktop-rig.js';

const ISP = 'Cause: the internet provider (the router answered, the internet did not).';

const failover: Notice = {
  kind: 'failover',
  at: 0,
  change: 'switch',
  active: 'standby',
  primary: { name: 'fiber', address: '192.0.2.10', up: false },
  standby: { name: 'lte', address: '198.51.100.7', up: true },
  verified: true,
  checked: null,
};
const ipChange: Notice = { kind: 'ip-change', at: 0, family: 'ipv4', old: '203.0.113.7', new: '203.0.113.9', provider: 'https://api.ipify.org' };
const figures = { lossPct: 20, medianRttMs: 180, baselineRttMs: 25, reason: 'loss 20 % (threshold 5 %)' };
const degraded: Notice = { kind: 'degraded', target: 'router', at: 0, figures };

describe('desktop notices: what each kind says', () => {
  it('an outage confirmed is told with its cause, which it waits for when the cause comes after the down', async () => {
    const rig = new DesktopRig();
    const start = rig.down(ROUTER, 5);
    await rig.wait(1.5);
    assert.deepEqual(rig.toasts, [], 'nothing before the cause');
    rig.cause('isp', start);
    assert.deepEqual(rig.toasts, [{ kind: 'outage', title: 'Internet down', body: `router (192.0.2.1) has not answered since 13:59:55. ${ISP}` }]);
  });

  it('an outage whose cause does not come in time is told without it, after the bounded wait', async () => {
    const rig = new DesktopRig();
    const start = rig.down();
    await rig.wait(CAUSE_WAIT_MS / 1000 - 0.1);
    assert.deepEqual(rig.toasts, []);
    await rig.wait(0.1);
    assert.deepEqual(rig.toasts, [{ kind: 'outage', title: 'Connection down', body: 'router (192.0.2.1) has not answered since 14:00:00.' }]);
    rig.cause('local', start);
    assert.equal(rig.toasts.length, 1, 'a late cause does not tell the outage again');
  });

  it('the title says where an outage is: the home network, or only the watched address', () => {
    const rig = new DesktopRig({ coalesceS: 0 });
    rig.cause('local', rig.down());
    rig.up(0);
    const dns = { target: 'dns', address: '198.51.100.53' };
    rig.cause('target', rig.down(dns), dns);
    assert.deepEqual(rig.titles(), ['Home network down', 'Connection restored', 'dns is down']);
  });

  it('connection restored names the outage length and its cause', async () => {
    const rig = new DesktopRig();
    await rig.outage(194);
    assert.deepEqual(rig.toasts.at(-1), { kind: 'restored', title: 'Connection restored', body: `router (192.0.2.1) answers again after 3 minutes down. ${ISP}` });
  });

  it('an outage over before its cause came is told once, as restored', async () => {
    const rig = new DesktopRig();
    rig.down();
    await rig.wait(2);
    rig.up(2);
    await rig.wait(10);
    assert.deepEqual(rig.toasts, [{ kind: 'restored', title: 'Connection restored', body: 'router (192.0.2.1) answers again after 2 seconds down.' }]);
  });

  it('the first answer after start is not a restored connection; an up from a watched daemon mid-outage is, with its length', () => {
    const rig = new DesktopRig();
    rig.up(null);
    assert.deepEqual(rig.toasts, []);
    rig.up(75);
    assert.deepEqual(rig.toasts, [{ kind: 'restored', title: 'Connection restored', body: 'router (192.0.2.1) answers again after 1 minute down.' }]);
  });

  it('degraded, failover and an IP change are told in the words of the other channels', async () => {
    const rig = new DesktopRig({ coalesceS: 0 });
    rig.tell(degraded);
    rig.tell({ kind: 'degraded-end', target: 'router', at: 600, since: 0, figures });
    await rig.wait(1);
    rig.tell(failover);
    rig.tell(ipChange);
    assert.deepEqual(rig.toasts, [
      { kind: 'degraded', title: 'router works poorly', body: 'Still reachable, but not as it should be: loss 20 % (threshold 5 %). Measured: 20 % of probes lost, answers in 180 ms (usually 25 ms).' },
      { kind: 'degraded', title: 'router works normally again', body: 'It worked poorly for 10m 0s: loss 20 % (threshold 5 %). Measured: 20 % of probes lost, answers in 180 ms (usually 25 ms).' },
      {
        kind: 'failover',
        title: 'Switched to the backup link, lte',
        body: 'Internet traffic now goes through lte (198.51.100.7), and the change was confirmed. fiber (192.0.2.10) does not work.',
      },
      { kind: 'ip-change', title: 'Your public IP address changed', body: 'It is now 203.0.113.9; it was 203.0.113.7 (as https://api.ipify.org reports it).' },
    ]);
  });

  it('a line whose quality comes and goes is one spell: one "works poorly", and "normally again" once it stayed well for coalesceS', async () => {
    const rig = new DesktopRig({ coalesceS: 120 });
    const start = rig.now;
    for (let i = 0; i < 4; i++) {
      rig.tell({ kind: 'degraded', target: 'router', at: rig.now, figures });
      await rig.wait(60);
      rig.tell({ kind: 'degraded-end', target: 'router', at: rig.now, since: rig.now - 60, figures });
      await rig.wait(60);
    }
    assert.deepEqual(rig.titles(), ['router works poorly']);
    await rig.wait(60);
    assert.deepEqual(rig.titles(), ['router works poorly', 'router works normally again']);
    assert.match(rig.toasts[1]?.body ?? '', /^It worked poorly for 7m 0s:/, `the whole spell, from ${start}`);
  });

  it('a degraded period ended by an outage is not told as over: the outage is', async () => {
    const rig = new DesktopRig();
    rig.tell({ kind: 'degraded', target: 'router', at: rig.now, figures });
    await rig.wait(300);
    // The engine tells the period's end just before the down that ended it.
    rig.tell({ kind: 'degraded-end', target: 'router', at: rig.now, since: rig.now - 300, figures });
    rig.cause('isp', rig.down());
    await rig.wait(600);
    assert.deepEqual(rig.titles(), ['router works poorly', 'Internet down']);
  });

  it('sessions and pauses are not desktop news', () => {
    const rig = new DesktopRig();
    rig.tell({ kind: 'started', ...ROUTER, at: rig.now });
    rig.tell({ kind: 'paused', at: rig.now, until: null, reason: null });
    rig.tell({ kind: 'resumed', at: rig.now });
    rig.tell({ kind: 'stopped', ...ROUTER, at: rig.now });
    assert.deepEqual(rig.toasts, []);
  });
});

describe('desktop notices: what is not shown', () => {
  it('a kind turned off is never shown; the others still are, and restored still knows the outage it ends', async () => {
    const rig = new DesktopRig({ events: ['restored', 'ip-change'] });
    await rig.outage(30);
    rig.tell(failover);
    rig.tell(degraded);
    rig.tell(ipChange);
    assert.deepEqual(rig.titles(), ['Connection restored', 'Your public IP address changed']);
    assert.match(rig.toasts[0]?.body ?? '', /after 30 seconds down\. Cause: the internet provider/);
  });

  it('enabled: false shows nothing at all', async () => {
    const rig = new DesktopRig({ enabled: false });
    await rig.outage(30);
    rig.tell(ipChange);
    await rig.wait(600);
    assert.deepEqual(rig.toasts, []);
  });

  it('nothing is shown while the dashboard is in front, and toasts come back when it is not', async () => {
    const rig = new DesktopRig({ coalesceS: 0 });
    rig.dashboardInFront = true;
    await rig.outage(30);
    rig.tell(ipChange);
    assert.deepEqual(rig.toasts, []);
    rig.dashboardInFront = false;
    await rig.outage(20);
    assert.deepEqual(rig.titles(), ['Internet down', 'Connection restored']);
  });
});

describe('desktop notices: settings saved apply at once', () => {
  it('a kind turned off, then notices turned off and on again', async () => {
    const rig = new DesktopRig({ coalesceS: 0 });
    rig.notices.update({ ...DESKTOP_NOTIFY_DEFAULTS, coalesceS: 0, events: ['outage'] });
    await rig.outage(30);
    assert.deepEqual(rig.titles(), ['Internet down']);
    rig.notices.update({ ...DESKTOP_NOTIFY_DEFAULTS, enabled: false });
    await rig.outage(30);
    rig.tell(ipChange);
    assert.deepEqual(rig.titles(), ['Internet down']);
    rig.notices.update(DESKTOP_NOTIFY_DEFAULTS);
    rig.tell(ipChange);
    assert.deepEqual(rig.titles(), ['Internet down', 'Your public IP address changed']);
  });

  it('a down waiting for its cause is dropped when notices are turned off', async () => {
    const rig = new DesktopRig();
    rig.down();
    rig.notices.update({ ...DESKTOP_NOTIFY_DEFAULTS, enabled: false });
    await rig.wait(10);
    assert.deepEqual(rig.toasts, []);
  });

  it('quiet hours set to now hold what follows; taken away, the summary is shown at once', async () => {
    const rig = new DesktopRig();
    rig.notices.update({ ...DESKTOP_NOTIFY_DEFAULTS, quietHours: { from: '13:00', to: '18:00' } });
    await rig.outage(40);
    assert.deepEqual(rig.toasts, []);
    rig.notices.update({ ...DESKTOP_NOTIFY_DEFAULTS, quietHours: null });
    assert.deepEqual(rig.toasts, [{ kind: 'quiet-hours', title: 'Quiet hours are over', body: 'While quiet: 1 outage of router, 40 seconds down; now up.' }]);
  });
});
