import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { reportPeriods } from '../../src/core/report/job/report-periods.js';
import { namedZone } from '../../src/core/time/zone.js';
import { trayMenu, type TrayMenuActions, type TrayMenuState } from '../../src/main/tray-menu.js';
import type { TrayView } from '../../src/main/tray-state.js';
import { FakeMenu } from '../support/electron-fake.js';

const utc = (...parts: [number, number, number?, number?]) => Date.UTC(parts[0], parts[1], parts[2] ?? 1, parts[3] ?? 0) / 1000;

describe('the tray menu', () => {
  const view: TrayView = { state: 'up', line: 'Up 3 d 4 h · 2 outages today', targets: ['router — up since 09:12', 'internet — up since Mon 09:12'] };
  const periods = reportPeriods(utc(2026, 10, 23, 12), namedZone('UTC'));

  /** A menu whose every action is written down as it is called. */
  const recorded = (state: Partial<TrayMenuState> = {}) => {
    const calls: string[] = [];
    const actions: TrayMenuActions = {
      openDashboard: () => calls.push('dashboard'),
      openSettings: () => calls.push('settings'),
      exportReport: (kind) => calls.push(`export ${kind}`),
      quit: () => calls.push('quit'),
      pause: (minutes) => calls.push(`pause ${minutes}`),
      resume: () => calls.push('resume'),
      setStartAtLogin: (on) => calls.push(`start at login ${on}`),
    };
    const menu = new FakeMenu(trayMenu({ view, paused: false, startAtLogin: false, ...state }, periods, actions));
    return { menu, calls };
  };

  it('opens with the line and each target, shown but not clickable, then the actions in order', () => {
    const { menu } = recorded();
    assert.deepEqual(menu.labels(), [
      'Up 3 d 4 h · 2 outages today',
      'router — up since 09:12',
      'internet — up since Mon 09:12',
      '—',
      'Open dashboard',
      'Export ISP report',
      'Pause',
      '—',
      'Settings…',
      'Start at login',
      '—',
      'Quit nom',
    ]);
    for (const line of [view.line, ...view.targets]) {
      assert.equal(menu.item(line).enabled, false);
      assert.throws(() => menu.click(line), /disabled/);
    }
  });

  it('offers the ISP report for each period, and runs the export for the one clicked', () => {
    const { menu, calls } = recorded();
    const submenu = menu.item('Export ISP report').submenu;
    assert.ok(Array.isArray(submenu));
    assert.deepEqual(submenu.map((i) => i.label), ['Last month (October 2026)…', 'This month so far (November)…', 'Last 30 days…', 'Everything recorded…']);
    for (const item of submenu) (item.click as () => void)();
    assert.deepEqual(calls, ['export last-month', 'export this-month', 'export last-30-days', 'export everything']);
  });

  it('pauses for 15 min, an hour or until resumed; while paused it offers Resume instead', () => {
    const running = recorded();
    for (const label of ['15 min', '1 hour', 'Until resumed']) running.menu.click(label);
    assert.deepEqual(running.calls, ['pause 15', 'pause 60', 'pause null']);
    assert.throws(() => running.menu.item('Resume'), /no menu item Resume/);

    const paused = recorded({ paused: true });
    paused.menu.click('Resume');
    assert.deepEqual(paused.calls, ['resume']);
    assert.throws(() => paused.menu.item('Pause'), /no menu item Pause/);
  });

  it('ticks Start at login as it is, and a click asks for the other way', () => {
    const off = recorded({ startAtLogin: false });
    assert.deepEqual([off.menu.item('Start at login').type, off.menu.item('Start at login').checked], ['checkbox', false]);
    off.menu.click('Start at login');
    const on = recorded({ startAtLogin: true });
    assert.equal(on.menu.item('Start at login').checked, true);
    on.menu.click('Start at login');
    assert.deepEqual([...off.calls, ...on.calls], ['start at login true', 'start at login false']);
  });

  it('opens the dashboard, the settings, and quits', () => {
    const { menu, calls } = recorded();
    menu.click('Open dashboard');
    menu.click('Settings…');
    menu.click('Quit nom');
    assert.deepEqual(calls, ['dashboard', 'settings', 'quit']);
  });
});

describe('report periods', () => {
  it('are calendar months of the zone, the last 30 days and everything', () => {
    const now = utc(2026, 10, 23, 12);
    assert.deepEqual(reportPeriods(now, namedZone('UTC')), [
      { kind: 'last-month', label: 'Last month (October 2026)', from: utc(2026, 9), to: utc(2026, 10) },
      { kind: 'this-month', label: 'This month so far (November)', from: utc(2026, 10), to: now },
      { kind: 'last-30-days', label: 'Last 30 days', from: now - 30 * 86_400, to: now },
      { kind: 'everything', label: 'Everything recorded' },
    ]);
  });

  it('start at local midnight, and last month of January is December of the year before', () => {
    const [last, current, thirty] = reportPeriods(utc(2026, 0, 10), namedZone('Europe/Oslo'));
    assert.deepEqual(last, { kind: 'last-month', label: 'Last month (December 2025)', from: utc(2025, 10, 30, 23), to: utc(2025, 11, 31, 23) });
    assert.equal(current?.from, utc(2025, 11, 31, 23));
    assert.equal(thirty?.from, utc(2025, 11, 11));
    // Across the end of summer time, 30 days back is the same local time: 30 days and an hour.
    const [, , acrossDst] = reportPeriods(utc(2026, 10, 15, 12), namedZone('Europe/Oslo'));
    assert.equal(acrossDst?.from, utc(2026, 9, 16, 11));
  });
});
