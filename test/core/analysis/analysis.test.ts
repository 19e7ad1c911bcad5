import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extendOpenSession } from '../../../src/core/accounting/live-tail.js';
import { analyse } from '../../../src/core/analysis/analysis.js';
import { buildReport } from '../../../src/core/report/report-model.js';
import type { JournalEntry } from '../../../src/core/store/journal.js';
import { Status } from '../../../src/core/store/transition-record.js';
import { namedZone } from '../../../src/core/time/zone.js';
import type { OutageCause } from '../../../src/shared/events.js';
import { series } from '../../support/series.js';

/** 2025-10-06T00:00:00Z, a Monday. */
const MON = Date.UTC(2025, 9, 6) / 1000;
const H = 3600;
const UTC = namedZone('UTC');

function causeEntry(start: number, cause: OutageCause): JournalEntry {
  return {
    type: 'outage-start',
    target: 'isp',
    start,
    cause,
    evidence: { first_failure: { ok: false, reason: 'timeout' }, gateway: null, dns: null, addping: [] },
  };
}

function analysisOf(records: Array<[number, Status]>, journal: JournalEntry[], range?: { from: number; to: number }, zone = UTC, liveUntil?: number) {
  const recorded = series(records);
  // As make-document loads a target whose session the asking process runs.
  const loaded = liveUntil === undefined ? recorded : extendOpenSession(recorded, liveUntil);
  const report = buildReport([{ name: 'isp', address: '203.0.113.10', series: loaded, journal }], range ?? {});
  return analyse(report, zone).targets[0]!;
}

describe('analysis', () => {
  // Monday: up from 00:00; an ISP outage 10:00–10:30; a target-only outage 14:00–15:00;
  // a local outage 23:30 Monday – 00:30 Tuesday; stopped Tuesday 06:00, started again 08:00, up to 12:00.
  const records: Array<[number, Status]> = [
    [MON, Status.STARTED],
    [MON, Status.UP],
    [MON + 10 * H, Status.DOWN],
    [MON + 10.5 * H, Status.UP],
    [MON + 14 * H, Status.DOWN],
    [MON + 15 * H, Status.UP],
    [MON + 23.5 * H, Status.DOWN],
    [MON + 24.5 * H, Status.UP],
    [MON + 30 * H, Status.STOPPED],
    [MON + 32 * H, Status.STARTED],
    [MON + 32 * H, Status.UP],
    [MON + 36 * H, Status.STOPPED],
  ];
  const journal = [causeEntry(MON + 10 * H, 'isp'), causeEntry(MON + 14 * H, 'target'), causeEntry(MON + 23.5 * H, 'local')];
  const a = analysisOf(records, journal);

  it('sets target-only outages apart from internet downtime and counts them as available', () => {
    assert.equal(a.downtime, 2.5 * H);
    assert.equal(a.targetOnly, H);
    assert.equal(a.internetDowntime, 1.5 * H);
    assert.equal(a.unmonitored, 2 * H);
    assert.equal(a.uptime, 31.5 * H);
    assert.equal(a.availability, (31.5 + 1) / 34);
    assert.deepEqual(a.byCause, { local: { count: 1, seconds: H }, isp: { count: 1, seconds: 0.5 * H }, target: { count: 1, seconds: H }, unknown: { count: 0, seconds: 0 } });
    assert.deepEqual(a.outages.map((o) => o.cause), ['isp', 'local']);
  });

  it('finds the longest outage, MTTR and MTBF over internet outages', () => {
    assert.equal(a.longest?.outage.cause, 'local');
    assert.equal(a.longest?.seconds, H);
    assert.equal(a.mttr, 0.75 * H);
    assert.equal(a.mtbf, (32.5 * H) / 2);
  });

  it('splits downtime by local hour and weekday, and counts starts', () => {
    assert.equal(a.byHour.seconds[10], 0.5 * H);
    assert.equal(a.byHour.seconds[23], 0.5 * H);
    assert.equal(a.byHour.seconds[0], 0.5 * H);
    assert.equal(a.byHour.seconds[14], 0, 'target-only time is not internet downtime');
    assert.equal(a.byHour.starts.reduce((x, y) => x + y), 2);
    assert.equal(a.byWeekday.seconds[0], H, 'Monday');
    assert.equal(a.byWeekday.seconds[1], 0.5 * H, 'Tuesday');
    assert.deepEqual(a.byWeekday.starts, [2, 0, 0, 0, 0, 0, 0]);
  });

  it('totals each local day, cut at midnight', () => {
    assert.deepEqual(a.daily, [
      { date: '2025-10-06', uptime: 22 * H, downtime: H, targetOnly: H, unmonitored: 0 },
      { date: '2025-10-07', uptime: 9.5 * H, downtime: 0.5 * H, targetOnly: 0, unmonitored: 2 * H },
    ]);
  });

  it('cuts days in the zone asked for, DST included', () => {
    // Europe/Oslo leaves summer time on 2025-10-26: that day has 25 hours.
    const sun = Date.UTC(2025, 9, 25, 22) / 1000;
    const d = analysisOf([[sun, Status.STARTED], [sun, Status.UP], [sun + 25 * H, Status.STOPPED]], [], undefined, namedZone('Europe/Oslo'));
    assert.deepEqual(d.daily, [{ date: '2025-10-26', uptime: 25 * H, downtime: 0, targetOnly: 0, unmonitored: 0 }]);
  });

  it('counts hours as the clock showed them across DST changes', () => {
    // New York springs forward on 2025-03-09 at 02:00 (07:00 UTC): an outage from 01:30 to 03:30 local lasts one hour.
    const nyDay = Date.UTC(2025, 2, 9, 5) / 1000;
    const ny = analysisOf(
      [[nyDay, Status.STARTED], [nyDay, Status.UP], [nyDay + 1.5 * H, Status.DOWN], [nyDay + 2.5 * H, Status.UP], [nyDay + 23 * H, Status.STOPPED]],
      [],
      undefined,
      namedZone('America/New_York'),
    );
    assert.equal(ny.byHour.seconds[1], 0.5 * H);
    assert.equal(ny.byHour.seconds[2], 0, '02:00 never came');
    assert.equal(ny.byHour.seconds[3], 0.5 * H);
    assert.equal(ny.byHour.starts[1], 1);
    assert.equal(ny.byWeekday.seconds[6], H, 'a Sunday');
    assert.deepEqual(ny.daily, [{ date: '2025-03-09', uptime: 22 * H, downtime: H, targetOnly: 0, unmonitored: 0 }]);

    // Oslo falls back on 2025-10-26 at 03:00 (01:00 UTC): from 02:30 summer time to 02:30 winter time, all of it 02-something.
    const osloDay = Date.UTC(2025, 9, 25, 22) / 1000;
    const oslo = analysisOf(
      [[osloDay, Status.STARTED], [osloDay, Status.UP], [osloDay + 2.5 * H, Status.DOWN], [osloDay + 3.5 * H, Status.UP], [osloDay + 25 * H, Status.STOPPED]],
      [],
      undefined,
      namedZone('Europe/Oslo'),
    );
    assert.equal(oslo.byHour.seconds[2], H);
    assert.equal(oslo.byHour.seconds.reduce((a, b) => a + b), H);
    assert.deepEqual(oslo.daily, [{ date: '2025-10-26', uptime: 24 * H, downtime: H, targetOnly: 0, unmonitored: 0 }]);
  });

  it('clips outages to the range', () => {
    const r = analysisOf([[MON, Status.STARTED], [MON, Status.UP], [MON + H, Status.DOWN], [MON + 5 * H, Status.UP]], [], { from: MON + 0.5 * H, to: MON + 3 * H });
    assert.equal(r.longest?.seconds, 2 * H);
    assert.equal(r.internetDowntime, 2 * H);
    assert.equal(r.byHour.seconds[1]! + r.byHour.seconds[2]!, 2 * H);
  });

  it('counts an open outage only as far as the records go, as the totals do', () => {
    const r = analysisOf([[MON, Status.STARTED], [MON, Status.UP], [MON + H, Status.DOWN]], [], { from: MON, to: MON + 3 * H });
    assert.equal(r.outages.length, 1);
    assert.equal(r.mttr, null, 'an open outage has not been repaired');
    assert.equal(r.internetDowntime, 0);
    assert.equal(r.unmonitored, 2 * H);
  });

  it('counts an open outage of a live target up to now in every figure, as the totals do', () => {
    const down: Array<[number, Status]> = [[MON, Status.STARTED], [MON, Status.UP], [MON + 10 * H, Status.DOWN]];
    const now = MON + 10 * H + 600;
    const r = analysisOf(down, [causeEntry(MON + 10 * H, 'isp')], undefined, UTC, now);
    assert.equal(r.downtime, 600);
    assert.equal(r.internetDowntime, 600);
    assert.equal(r.daily[0]!.downtime, 600);
    assert.deepEqual(r.byCause.isp, { count: 1, seconds: 600 });
    assert.equal(r.byHour.seconds[10], 600);
    assert.equal(r.byHour.seconds.reduce((x, y) => x + y), 600);
    assert.equal(r.byWeekday.seconds[0], 600, 'Monday');
    assert.equal(r.longest?.seconds, 600);
    assert.equal(r.mttr, null, 'still down: not repaired');

    const clipped = analysisOf(down, [causeEntry(MON + 10 * H, 'isp')], { from: MON, to: MON + 10 * H + 240 }, UTC, now);
    assert.equal(clipped.longest?.seconds, 240, 'clipped to the range');
    const ahead = analysisOf(down, [causeEntry(MON + 10 * H, 'isp')], { from: MON, to: MON + 12 * H }, UTC, now);
    assert.equal(ahead.longest?.seconds, 600, 'past now nothing was observed, though the range goes on');
    assert.equal(ahead.byHour.seconds.reduce((x, y) => x + y), 600);
  });

  it('sets a live target-only outage apart from the internet downtime of its day', () => {
    const r = analysisOf([[MON, Status.STARTED], [MON, Status.UP], [MON + 10 * H, Status.DOWN]], [causeEntry(MON + 10 * H, 'target')], undefined, UTC, MON + 10 * H + 600);
    assert.equal(r.targetOnly, 600);
    assert.equal(r.internetDowntime, 0);
    assert.deepEqual(r.daily, [{ date: '2025-10-06', uptime: 10 * H, downtime: 0, targetOnly: 600, unmonitored: 0 }]);
  });

  it('says nothing it cannot know: no availability without monitored time, no MTBF without outages', () => {
    const r = analysisOf([[MON, Status.STARTED], [MON + H, Status.STOPPED]], []);
    assert.equal(r.availability, null);
    assert.equal(r.mtbf, null);
    assert.equal(r.longest, null);
  });
});
