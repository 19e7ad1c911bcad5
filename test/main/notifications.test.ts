import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { createLogger } from '../../src/core/log.js';
import type { Toast } from '../../src/core/notify/desktop/toast.js';
import { ReportQueue } from '../../src/core/report/job/report-queue.js';
import { runReportJob } from '../../src/core/report/job/run-report-job.js';
import { configFileSaver } from '../../src/core/runtime/api-handlers.js';
import { namedZone } from '../../src/core/time/zone.js';
import { localSource } from '../../src/main/local-source.js';
import type { MonitorSource } from '../../src/main/monitor-source.js';
import { nodeNotifierToasts, type NotifierPort } from '../../src/main/node-notifier-toasts.js';
import { setupNotifications, type NotificationsDeps, type ToastPort } from '../../src/main/notifications.js';
import type { ApiHandlers } from '../../src/shared/api-contract.js';
import { DESKTOP_NOTIFY_DEFAULTS } from '../../src/shared/config-schema.js';
import type { BusEvent } from '../../src/shared/live-events.js';
import { FakeClock } from '../support/fake-clock.js';
import type { Network } from '../support/fake-network.js';
import { tempDir } from '../support/tmp.js';
import { runtimeRig, S0, T0, TARGET } from '../core/runtime/runtime-rig.js';

const UTC = namedZone('UTC');
const ROUTER = { target: 'router', address: '192.0.2.1' };

/** Every toast shown, with the click the platform would report on it. */
class RecordingToasts implements ToastPort {
  readonly shown: Array<{ toast: Toast; click: () => void }> = [];
  show(toast: Toast, onClick: () => void): void {
    this.shown.push({ toast, click: onClick });
  }
  get titles(): string[] {
    return this.shown.map((s) => s.toast.title);
  }
}

/** A MonitorSource whose live events the test sends; its API is not what these tests are about. */
function scriptedSource() {
  const listeners = new Set<(event: BusEvent) => void>();
  const api = new Proxy({} as ApiHandlers, { get: (_, call) => () => Promise.reject(new Error(`${String(call)} is not called by the notifications`)) });
  const source: MonitorSource = {
    description: 'a scripted source',
    api,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    report: () => Promise.reject(new Error('no reports here')),
    close: () => Promise.resolve(),
  };
  return { source, send: (event: BusEvent) => listeners.forEach((l) => l(event)), listening: () => listeners.size };
}

function wire(source: MonitorSource, clock: FakeClock, change: Partial<NotificationsDeps> = {}) {
  const toasts = new RecordingToasts();
  const calls: string[] = [];
  const notifications = setupNotifications({
    source,
    toasts,
    config: DESKTOP_NOTIFY_DEFAULTS,
    links: () => ({ primary: 'fiber', standby: 'lte' }),
    clock,
    zone: UTC,
    isDashboardInFront: () => false,
    openDashboard: () => calls.push('dashboard'),
    log: createLogger('notifications', { write: () => undefined }),
    ...change,
  });
  return { toasts, calls, notifications };
}

describe('setupNotifications', () => {
  it('tells a watched source’s outage with its cause and its end with its length; a click opens the dashboard', async () => {
    const clock = new FakeClock(T0);
    const { source, send } = scriptedSource();
    const { toasts, calls } = wire(source, clock);
    const at = S0;
    send({ type: 'session', ...ROUTER, kind: 'started', at });
    send({ type: 'transition', target: 'router', status: 'UP', at, initial: true });
    send({ type: 'transition', target: 'router', status: 'DOWN', at: at + 60, initial: false });
    await clock.advance(1_000);
    send({ type: 'outage-start', target: 'router', start: at + 60, cause: 'local', evidence: { first_failure: { ok: false, reason: 'timeout' }, gateway: null, dns: null, addping: [] } });
    await clock.advance(200_000);
    send({ type: 'transition', target: 'router', status: 'UP', at: at + 260, initial: false });
    assert.deepEqual(
      toasts.shown.map((s) => s.toast),
      [
        { kind: 'outage', title: 'Home network down', body: 'router (192.0.2.1) has not answered since 12:01:00. Cause: your own network (the router did not answer either).' },
        { kind: 'restored', title: 'Connection restored', body: 'router (192.0.2.1) answers again after 3 minutes down. Cause: your own network (the router did not answer either).' },
      ],
    );
    toasts.shown[1]?.click();
    assert.deepEqual(calls, ['dashboard']);
  });

  it('tells a failover, not the transitions of its links; settings saved apply at once; stop stops listening', async () => {
    const clock = new FakeClock(T0);
    const { source, send, listening } = scriptedSource();
    const { toasts, notifications } = wire(source, clock);
    send({ type: 'transition', target: 'fiber', status: 'DOWN', at: S0, initial: false });
    send({ type: 'failover', at: S0, kind: 'switch', active: 'standby', primary: { up: false, address: '192.0.2.10' }, standby: { up: true, address: '198.51.100.7' }, verified: true });
    await clock.advance(10_000);
    assert.deepEqual(toasts.titles, ['Switched to the backup link, lte']);
    notifications.update({ ...DESKTOP_NOTIFY_DEFAULTS, events: ['outage'] });
    send({ type: 'ip-change', at: S0 + 20, family: 'ipv4', old: '203.0.113.7', new: '203.0.113.9', provider: 'https://api.ipify.org' });
    assert.equal(toasts.shown.length, 1, 'ip-change turned off');
    notifications.stop();
    assert.equal(listening(), 0);
  });

  it('shows nothing while the dashboard is in front', async () => {
    const clock = new FakeClock(T0);
    const { source, send } = scriptedSource();
    const { toasts } = wire(source, clock, { isDashboardInFront: () => true });
    send({ type: 'transition', target: 'router', status: 'DOWN', at: S0, initial: false });
    await clock.advance(10_000);
    assert.deepEqual(toasts.shown, []);
  });

  it('with the app’s own monitors, a flapping link gives one coalesced notice with the outages’ count and total', async () => {
    // The internet target drops every probe at 20-30 s, 40-50 s, 60-70 s and 80-90 s; the gateway always answers.
    const flapping: Network = (address, sentMs) => {
      const s = (sentMs - T0) / 1000;
      const down = address === TARGET.address && s >= 20 && s < 90 && s % 20 < 10;
      return down ? { kind: 'drop' } : { kind: 'reply', rttMs: 5 };
    };
    const data = tempDir();
    const rig = runtimeRig(data, flapping);
    const source = localSource(rig.runtime, { dataDir: data, settings: configFileSaver(null), zone: UTC, reports: new ReportQueue(runReportJob) });
    const { toasts } = wire(source, rig.clock, { links: () => undefined });
    await rig.runtime.start();
    await rig.clock.advance(100_000);
    assert.deepEqual(toasts.titles, ['Internet down', 'Connection restored'], 'the first outage is told, with its cause');
    assert.match(toasts.shown[0]?.toast.body ?? '', /Cause: the internet provider/);
    await rig.clock.advance(60_000);
    await rig.stop();
    const ends = rig.events.filter((e) => e.type === 'outage-end');
    assert.deepEqual([ends.length, ends.reduce((sum, e) => sum + e.end - e.start, 0)], [4, 40], 'the record: 4 outages, 40 s down');
    assert.deepEqual(toasts.shown.slice(2).map((s) => s.toast), [{ kind: 'burst', title: 'Connection unstable', body: 'internet: 4 outages in 1 minute, 40 seconds down in all; up now.' }]);
  });
});

describe('nodeNotifierToasts', () => {
  const log = (lines: string[]) => createLogger('toasts', { write: (line) => lines.push(line) });
  const toast: Toast = { kind: 'restored', title: 'Connection restored', body: 'router answers again.' };

  it('names the app as each platform wants it, and opens the dashboard on a click where the platform reports one', () => {
    const asked: Array<Record<string, string | boolean>> = [];
    // What node-notifier answers: a toast that went away unclicked, then one clicked.
    let answer: string | undefined = 'timeout';
    const port: NotifierPort = { notify: (options, callback) => (asked.push(options), callback(null, answer)) };
    let clicks = 0;
    for (const platform of ['linux', 'win32', 'darwin'] as const) nodeNotifierToasts({ icon: '/icons/up.png', log: log([]), notifier: port, platform }).show(toast, () => clicks++);
    const builder = readFileSync(fileURLToPath(new URL('../../electron-builder.yml', import.meta.url)), 'utf8');
    assert.equal(asked[1]?.appID, /^appId: (.+)$/m.exec(builder)?.[1], 'Windows shows the toasts of the installed app: its appId');
    const base = { title: 'Connection restored', message: 'router answers again.', icon: '/icons/up.png' };
    assert.deepEqual(asked, [
      { ...base, 'app-name': 'nom', wait: false },
      { ...base, appID: 'org.nom.monitor', wait: true },
      { ...base, wait: true },
    ]);
    assert.equal(clicks, 0, 'shown, not clicked');
    answer = 'activate';
    nodeNotifierToasts({ icon: '/icons/up.png', log: log([]), notifier: port, platform: 'win32' }).show(toast, () => clicks++);
    assert.equal(clicks, 1);
  });

  it('logs a toast that could not be shown, and never throws', () => {
    const lines: string[] = [];
    const failing: NotifierPort = { notify: (_, callback) => callback('notify-send: cannot connect to the bus', undefined) };
    const throwing: NotifierPort = {
      notify: () => {
        throw new TypeError('spawn failed');
      },
    };
    for (const notifier of [failing, throwing]) nodeNotifierToasts({ icon: '/icons/up.png', log: log(lines), notifier, platform: 'linux' }).show(toast, () => assert.fail('no click'));
    assert.equal(lines.length, 2);
    assert.match(lines[0] ?? '', /could not be shown.*cannot connect to the bus/);
    assert.match(lines[1] ?? '', /could not be shown.*spawn failed/);
  });
});
