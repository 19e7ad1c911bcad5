import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { describe, it } from 'node:test';
import { ApiFailure } from '../../src/shared/api-contract.js';
import type { PeriodKind } from '../../src/core/report/job/report-periods.js';
import { ReportQueue } from '../../src/core/report/job/report-queue.js';
import { runReportJob } from '../../src/core/report/job/run-report-job.js';
import { configFileSaver } from '../../src/core/runtime/api-handlers.js';
import { namedZone } from '../../src/core/time/zone.js';
import { autostart } from '../../src/main/autostart.js';
import { localSource } from '../../src/main/local-source.js';
import type { MonitorSource } from '../../src/main/monitor-source.js';
import { setupTray } from '../../src/main/tray.js';
import type { Network } from '../support/fake-network.js';
import { FakeElectron, type FakeMenu } from '../support/electron-fake.js';
import { tempDir } from '../support/tmp.js';
import { runtimeRig, S0, TARGET } from '../core/runtime/runtime-rig.js';

const ICONS = fileURLToPath(new URL('../../assets/tray/', import.meta.url));

/** The internet target answers, is cut off, or loses every fifth probe (20 %: degraded, never down); the gateway always answers. */
type Line = 'up' | 'down' | 'lossy';

/** The app as main.ts wires it: the runtime on a scripted network and fake clock, shown by the tray on the shared Electron fake. */
function app(change: (source: MonitorSource) => MonitorSource = (s) => s) {
  const data = tempDir();
  let line: Line = 'up';
  const network: Network = (address, sentMs) => {
    const lost = address === TARGET.address && (line === 'down' || (line === 'lossy' && Math.round(sentMs / 1000) % 5 === 0));
    return lost ? { kind: 'drop' } : { kind: 'reply', rttMs: 5 };
  };
  const rig = runtimeRig(data, network);
  const zone = namedZone('UTC');
  const source = change(localSource(rig.runtime, { dataDir: data, settings: configFileSaver(null), zone, reports: new ReportQueue(runReportJob) }));
  const electron = new FakeElectron();
  const calls: string[] = [];
  const config = join(tempDir(), 'config');
  const login = autostart({ platform: 'linux', env: { XDG_CONFIG_HOME: config, XDG_CONFIG_DIRS: join(config, 'none') }, home: '/nonexistent', command: ['/opt/nom/nom'], app: electron.app });
  const tray = setupTray({
    electron,
    source,
    actions: {
      openDashboard: () => calls.push('dashboard'),
      openSettings: () => calls.push('settings'),
      exportReport: (kind: PeriodKind) => calls.push(`export ${kind}`),
      quit: () => calls.push('quit'),
    },
    autostart: login,
    clock: rig.clock,
    zone,
    iconDir: ICONS,
  });
  const fake = electron.tray;
  return {
    ...rig,
    source,
    electron,
    fake,
    tray,
    calls,
    autostartFile: join(config, 'autostart', 'nom.desktop'),
    setLine: (next: Line) => (line = next),
    /** The icons set, by state, the first the one the tray was made with. */
    images: () => fake.images.map((i) => basename((i as { path: string }).path, '.png')),
    menu: (): FakeMenu => {
      assert.ok(fake.menu, 'the tray has a menu');
      return fake.menu;
    },
  };
}

/** The tooltip says `line`, or matches it, and so does the menu's first item, which cannot be clicked. */
function shows(a: ReturnType<typeof app>, state: string, line: string | RegExp): void {
  if (typeof line === 'string') assert.equal(a.fake.tooltip, line);
  else assert.match(a.fake.tooltip, line);
  assert.equal(a.images().at(-1), state);
  const first = a.menu().template[0];
  assert.deepEqual([first?.label, first?.enabled], [a.fake.tooltip, false], 'the menu opens with the tooltip’s line, disabled');
}

describe('the tray follows the runtime', () => {
  it('through up → down → up → degraded → paused from its menu → resumed, setting the image once per change', async () => {
    const a = app();
    assert.deepEqual(a.images(), ['paused'], 'not known before the first status');
    await a.runtime.start();
    await a.clock.advance(5_000);
    shows(a, 'up', 'Up < 1 min · no outages today');

    a.setLine('down');
    await a.clock.advance(20_000);
    shows(a, 'down', 'Down < 1 min · the provider (the router answers)');
    assert.deepEqual(a.menu().labels().slice(0, 2), [a.fake.tooltip, 'internet — down since 12:00']);

    a.setLine('up');
    await a.clock.advance(10_000);
    shows(a, 'up', 'Up < 1 min · 1 outage today');

    a.setLine('lossy');
    await a.clock.advance(200_000);
    shows(a, 'degraded', /^Degraded \d+ min · slow or losing packets$/);

    a.menu().click('15 min');
    await a.clock.advance(5_000);
    const pausedAt = a.runtime.status().paused;
    assert.ok(pausedAt, 'the runtime is paused');
    assert.equal(pausedAt.reason, 'paused from the tray');
    assert.equal(pausedAt.until, pausedAt.since + 900);
    shows(a, 'paused', `Paused until ${new Date(pausedAt.until * 1000).toISOString().slice(11, 16)}`);
    assert.throws(() => a.menu().item('Pause'), /no menu item Pause/, 'while paused the menu offers Resume');

    a.setLine('up');
    await a.clock.advance(5 * 60_000);
    const resumedAt = Math.floor(a.clock.now() / 1000);
    a.menu().click('Resume');
    await a.clock.advance(5_000);
    assert.equal(a.runtime.status().paused, null);
    shows(a, 'up', 'Up < 1 min · 1 outage today');

    assert.deepEqual(a.images(), ['paused', 'up', 'down', 'up', 'degraded', 'paused', 'up'], 'one setImage per change of state, none between');
    for (const path of a.fake.images.map((i) => (i as { path: string }).path)) assert.ok(existsSync(path), `${path} exists`);

    // The pause is a gap in the record, neither uptime nor downtime.
    const now = a.runtime.status().now;
    const history = await a.source.api.history({ from: S0, to: now });
    assert.deepEqual(history.unmonitored, [{ target: 'internet', start: pausedAt.since, end: resumedAt }]);
    const totals = history.targets.find((t) => t.name === 'internet');
    assert.equal(totals?.unmonitored_s, resumedAt - pausedAt.since);
    assert.ok(resumedAt - pausedAt.since >= 300);
    await a.stop();
    a.tray.stop();
  });

  it('keeps its line fresh once a minute with no event at all', async () => {
    const a = app();
    await a.runtime.start();
    await a.clock.advance(2_000);
    assert.equal(a.fake.tooltip, 'Up < 1 min · no outages today');
    await a.clock.advance(3 * 60_000);
    assert.equal(a.fake.tooltip, 'Up 3 min · no outages today');
    assert.deepEqual(a.images(), ['paused', 'up'], 'the image stays as it is');
    await a.stop();
    a.tray.stop();
  });

  it('a new image within 200 ms of a confirmed transition (wall time)', async (t) => {
    const a = app();
    await a.runtime.start();
    await a.clock.advance(3_000);
    let confirmed = 0;
    a.runtime.bus.on(['transition'], () => (confirmed = performance.now()));
    const shown = new Promise<number>((resolve) => a.fake.once('set-image', () => resolve(performance.now())));
    a.setLine('down');
    await a.clock.advance(20_000);
    const ms = (await shown) - confirmed;
    t.diagnostic(`transition → setImage: ${ms.toFixed(2)} ms`);
    assert.ok(confirmed > 0 && ms >= 0 && ms < 200, `${ms.toFixed(2)} ms`);
    await a.stop();
    a.tray.stop();
  });
});

describe('the tray’s menu', () => {
  it('runs the app’s actions: open the dashboard (also on a click of the icon), settings, each report, quit', async () => {
    const a = app();
    await a.clock.advance(1_000);
    a.menu().click('Open dashboard');
    a.fake.emit('click');
    a.menu().click('Settings…');
    a.menu().click('Last 30 days…');
    a.menu().click('Quit nom');
    assert.deepEqual(a.calls, ['dashboard', 'dashboard', 'settings', 'export last-30-days', 'quit']);
    a.tray.stop();
  });

  it('ticks Start at login once the desktop file is written, and unticks it when removed', async () => {
    const a = app();
    await a.clock.advance(1_000);
    assert.equal(a.menu().item('Start at login').checked, false);
    a.menu().click('Start at login');
    await a.clock.advance(1_000);
    assert.ok(existsSync(a.autostartFile));
    assert.equal(a.menu().item('Start at login').checked, true);
    a.menu().click('Start at login');
    await a.clock.advance(1_000);
    assert.equal(existsSync(a.autostartFile), false);
    assert.equal(a.menu().item('Start at login').checked, false);
    a.tray.stop();
  });

  it('a pause the monitor refuses is an error box in words, and the tray stays as it was', async () => {
    const a = app((source) => ({ ...source, api: { ...source.api, pause: () => Promise.reject(new ApiFailure('unavailable', 'the daemon is read-only')) } }));
    await a.runtime.start();
    await a.clock.advance(2_000);
    a.menu().click('Until resumed');
    await a.clock.advance(1_000);
    assert.deepEqual(a.electron.dialog.errors, [{ title: 'Monitoring could not be paused', content: 'the daemon is read-only' }]);
    assert.deepEqual(a.images(), ['paused', 'up']);
    await a.stop();
    a.tray.stop();
  });
});

describe('the tray when the monitor does not answer, and when stopped', () => {
  it('says so as its line, and never throws', async () => {
    const a = app((source) => ({ ...source, api: { ...source.api, status: () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:8080')) } }));
    await a.clock.advance(1_000);
    assert.equal(a.fake.tooltip, 'Cannot reach the monitor: connect ECONNREFUSED 127.0.0.1:8080');
    assert.equal(a.menu().labels()[0], a.fake.tooltip);
    assert.deepEqual(a.images(), ['paused']);
    a.tray.stop();
  });

  it('stop destroys the icon and listens no more', async () => {
    const a = app();
    await a.runtime.start();
    await a.clock.advance(2_000);
    a.tray.stop();
    assert.equal(a.fake.destroyed, true);
    const tooltip = a.fake.tooltip;
    a.setLine('down');
    await a.clock.advance(120_000);
    assert.deepEqual([a.images(), a.fake.tooltip], [['paused', 'up'], tooltip], 'nothing drawn after stop');
    await a.stop();
  });
});
