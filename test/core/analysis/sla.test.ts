import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extendOpenSession } from '../../../src/core/accounting/live-tail.js';
import { LocalCalendar } from '../../../src/core/analysis/calendar.js';
import { businessWindows, describeBusinessHours, OFFICE_HOURS, parseBusinessHours, slaOf } from '../../../src/core/analysis/sla.js';
import { buildReport } from '../../../src/core/report/report-model.js';
import type { JournalEntry } from '../../../src/core/store/journal.js';
import { Status } from '../../../src/core/store/transition-record.js';
import { namedZone } from '../../../src/core/time/zone.js';
import { series } from '../../support/series.js';

const MON = Date.UTC(2025, 9, 6) / 1000;
const H = 3600;
const UTC = namedZone('UTC');

/** A week, up throughout but for: Monday 10:00–12:00 (isp), Monday 20:00–21:00 (isp), Tuesday 10:00–10:00:30 (blip), Wednesday 10:00–11:00 (target only). */
const week = buildReport(
  [
    {
      name: 'isp',
      address: null,
      series: series([
        [MON, Status.STARTED],
        [MON, Status.UP],
        [MON + 10 * H, Status.DOWN],
        [MON + 12 * H, Status.UP],
        [MON + 20 * H, Status.DOWN],
        [MON + 21 * H, Status.UP],
        [MON + 34 * H, Status.DOWN],
        [MON + 34 * H + 30, Status.UP],
        [MON + 58 * H, Status.DOWN],
        [MON + 59 * H, Status.UP],
        [MON + 7 * 24 * H, Status.STOPPED],
      ]),
      journal: [
        {
          type: 'outage-start',
          target: 'isp',
          start: MON + 58 * H,
          cause: 'target',
          evidence: { first_failure: { ok: false, reason: 'timeout' }, gateway: null, dns: null, addping: [] },
        } satisfies JournalEntry,
      ],
    },
  ],
  {},
);
const target = week.targets[0]!;

describe('SLA', () => {
  it('counts every hour: internet outages only, against monitored time, with the gap in hours', () => {
    const r = slaOf(target, new LocalCalendar(UTC, week.range), { target: 0.995, hours: 'all', minOutageSeconds: 0 });
    assert.equal(r.monitored, 7 * 24 * H);
    assert.equal(r.counted, 3 * H + 30);
    assert.equal(r.countedOutages, 3);
    assert.equal(r.met, false);
    assert.ok(Math.abs(r.gapHours - (3 * H + 30 - 0.005 * 7 * 24 * H) / H) < 1e-9);
  });

  it('leaves out outages shorter than the minimum', () => {
    const r = slaOf(target, new LocalCalendar(UTC, week.range), { target: 0.98, hours: 'all', minOutageSeconds: 60 });
    assert.equal(r.countedOutages, 2);
    assert.equal(r.counted, 3 * H);
    assert.equal(r.met, true, `availability ${r.availability}`);
    assert.ok(r.gapHours < 0);
  });

  it('counts only business hours when asked', () => {
    const r = slaOf(target, new LocalCalendar(UTC, week.range), { target: 0.995, hours: OFFICE_HOURS, minOutageSeconds: 60 });
    assert.equal(r.monitored, 5 * 8 * H);
    assert.equal(r.counted, 2 * H, 'the evening outage is outside business hours');
    assert.equal(r.availability, 1 - 2 / 40);
  });

  it('counts an open outage of a live target up to now, once it has lasted the minimum', () => {
    // As make-document loads a target whose session the asking process runs: down since 10:00, now 10:10.
    const down = series([[MON, Status.STARTED], [MON, Status.UP], [MON + 10 * H, Status.DOWN]]);
    const live = buildReport([{ name: 'isp', address: null, series: extendOpenSession(down, MON + 10 * H + 600), journal: [] }], {});
    const sla = (minOutageSeconds: number) => slaOf(live.targets[0]!, new LocalCalendar(UTC, live.range), { target: 0.99, hours: 'all', minOutageSeconds });
    assert.equal(sla(60).monitored, 10 * H + 600);
    assert.deepEqual([sla(60).counted, sla(60).countedOutages], [600, 1]);
    assert.deepEqual([sla(601).counted, sla(601).countedOutages], [0, 0], 'not yet as long as the minimum');
  });

  it('reads and writes business hours', () => {
    assert.deepEqual(parseBusinessHours('Mon-Fri 09:00-17:00'), OFFICE_HOURS);
    assert.deepEqual(parseBusinessHours('sat,sun 10:00-14:30'), { weekdays: [6, 7], start: 600, end: 870 });
    assert.deepEqual(parseBusinessHours('Fri-Mon 00:00-24:00')?.weekdays, [1, 5, 6, 7]);
    for (const bad of ['weekdays', 'Mon-Fri 17:00-09:00', 'Mon-Fri 9-5', 'Xyz 09:00-10:00', 'Mon 09:60-10:00']) assert.equal(parseBusinessHours(bad), null, bad);
    assert.equal(describeBusinessHours(OFFICE_HOURS), 'Mon, Tue, Wed, Thu, Fri 09:00–17:00');
  });

  it('finds business windows in local time', () => {
    const windows = businessWindows(new LocalCalendar(namedZone('America/New_York'), { from: MON, to: MON + 7 * 24 * H }), OFFICE_HOURS);
    assert.equal(windows.length, 5);
    assert.equal(windows[0]!.from, MON + 13 * H, '09:00 in New York is 13:00 UTC in October');
  });
});
