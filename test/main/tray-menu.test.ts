import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { reportPeriods, type PeriodKind } from '../../src/core/report/job/report-periods.js';
import { namedZone } from '../../src/core/time/zone.js';
import { trayMenu } from '../../src/main/tray-menu.js';

const utc = (...parts: [number, number, number?, number?]) => Date.UTC(parts[0], parts[1], parts[2] ?? 1, parts[3] ?? 0) / 1000;

describe('the tray menu', () => {
  it('offers the ISP report for each period, and runs the export for the one clicked', () => {
    const periods = reportPeriods(utc(2026, 10, 23, 12), namedZone('UTC'));
    const asked: PeriodKind[] = [];
    let quit = 0;
    const menu = trayMenu(periods, { exportReport: (p) => asked.push(p), quit: () => quit++ });
    const [exportItem, separator, quitItem] = menu;
    assert.equal(exportItem?.label, 'Export ISP report');
    const submenu = exportItem.submenu;
    assert.ok(Array.isArray(submenu));
    assert.deepEqual(submenu.map((i) => i.label), ['Last month (October 2026)…', 'This month so far (November)…', 'Last 30 days…', 'Everything recorded…']);
    for (const item of submenu) (item.click as () => void)();
    assert.deepEqual(asked, ['last-month', 'this-month', 'last-30-days', 'everything']);
    assert.equal(separator?.type, 'separator');
    (quitItem?.click as () => void)();
    assert.equal(quit, 1);
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
