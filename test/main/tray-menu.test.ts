import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { reportPeriods, type ReportPeriod } from '../../src/core/report/job/report-periods.js';
import { trayMenu } from '../../src/main/tray-menu.js';

const utc = (...parts: [number, number, number?, number?]) => Date.UTC(parts[0], parts[1], parts[2] ?? 1, parts[3] ?? 0) / 1000;

describe('the tray menu', () => {
  it('offers the ISP report for each period, and runs the export for the one clicked', () => {
    const periods = reportPeriods(utc(2026, 10, 23, 12), 'UTC');
    const asked: ReportPeriod[] = [];
    let quit = 0;
    const menu = trayMenu(periods, { exportReport: (p) => asked.push(p), quit: () => quit++ });
    const [exportItem, separator, quitItem] = menu;
    assert.equal(exportItem?.label, 'Export ISP report');
    const submenu = exportItem.submenu;
    assert.ok(Array.isArray(submenu));
    assert.deepEqual(submenu.map((i) => i.label), ['Last month (October 2026)…', 'This month so far (November)…', 'Last 30 days…', 'Everything recorded…']);
    for (const item of submenu) (item.click as () => void)();
    assert.deepEqual(asked, periods);
    assert.equal(separator?.type, 'separator');
    (quitItem?.click as () => void)();
    assert.equal(quit, 1);
  });
});

describe('report periods', () => {
  it('are calendar months of the zone, the last 30 days and everything', () => {
    const now = utc(2026, 10, 23, 12);
    assert.deepEqual(reportPeriods(now, 'UTC'), [
      { label: 'Last month (October 2026)', from: utc(2026, 9), to: utc(2026, 10) },
      { label: 'This month so far (November)', from: utc(2026, 10), to: now },
      { label: 'Last 30 days', from: now - 30 * 86_400, to: now },
      { label: 'Everything recorded' },
    ]);
  });

  it('start at local midnight, and last month of January is December of the year before', () => {
    const [last, current] = reportPeriods(utc(2026, 0, 10), 'Europe/Oslo');
    assert.deepEqual(last, { label: 'Last month (December 2025)', from: utc(2025, 10, 30, 23), to: utc(2025, 11, 31, 23) });
    assert.equal(current?.from, utc(2025, 11, 31, 23));
  });
});
