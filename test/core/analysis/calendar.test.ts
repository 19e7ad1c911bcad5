import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DateTime } from 'luxon';
import { LocalCalendar } from '../../../src/core/analysis/calendar.js';
import { ClockFormatter } from '../../../src/core/time/clock-format.js';
import { OffsetTable } from '../../../src/core/time/zone-offsets.js';
import { namedZone } from '../../../src/core/time/zone.js';

const H = 3600;
const at = (iso: string) => Date.parse(iso) / 1000;

/** Zones with DST at 02:00 or 03:00, a half-hour DST (Lord Howe), a quarter-hour offset (Kathmandu), and none. */
const ZONES = ['Europe/Oslo', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'UTC'];
const YEAR = { from: at('2025-01-01T00:00:00Z'), to: at('2026-01-01T00:00:00Z') };

describe('zone offsets and the local calendar', () => {
  it('the offset table agrees with luxon to the second, at and around every change', () => {
    for (const name of ZONES) {
      const zone = namedZone(name);
      const table = new OffsetTable(zone, YEAR.from, YEAR.to);
      const luxon = (t: number) => zone.offset(t * 1000) * 60;
      for (let t = YEAR.from; t < YEAR.to; t += 7 * H + 13) assert.equal(table.at(t), luxon(t), `${name} at ${t}`);
      let changes = 0;
      for (let t = YEAR.from; t < YEAR.to; t = table.nextChange(t)) {
        if (t === YEAR.from) continue;
        changes++;
        assert.notEqual(luxon(t - 1), luxon(t), `${name}: the offset changes at ${t}`);
        assert.equal(table.at(t - 1), luxon(t - 1));
        assert.equal(table.at(t), luxon(t));
      }
      assert.equal(changes, name === 'UTC' || name === 'Asia/Kathmandu' ? 0 : 2, name);
      assert.equal(table.at(YEAR.to + 100 * 86_400), luxon(YEAR.to + 100 * 86_400), 'outside the table it asks luxon');
    }
  });

  it('cuts days as luxon does: 23 and 25 hours on DST days', () => {
    const oslo = new LocalCalendar(namedZone('Europe/Oslo'), YEAR);
    assert.equal(oslo.days.length, 366, 'the last hour of 2025 in UTC is 1 January 2026 in Oslo');
    const length = (date: string) => oslo.days.find((d) => d.date === date)!.end - oslo.days.find((d) => d.date === date)!.start;
    assert.equal(length('2025-03-30'), 23 * H);
    assert.equal(length('2025-10-26'), 25 * H);
    for (const d of oslo.days) {
      const local = DateTime.fromSeconds(d.start, { zone: 'Europe/Oslo' });
      assert.equal(local.toISODate(), d.date);
      assert.equal(local.toFormat('HH:mm:ss'), '00:00:00');
      assert.equal(local.weekday, d.weekday);
    }
    assert.equal(oslo.dayAt(at('2025-10-26T23:30:00Z')), oslo.days.findIndex((d) => d.date === '2025-10-27'));
    assert.equal(oslo.dayAt(YEAR.from - 2 * H), -1);
  });

  it('cuts a span on the hour, with the hour and weekday luxon gives, DST changes included', () => {
    for (const name of ZONES) {
      const zone = namedZone(name);
      // Around each zone's changes of 2025, a day either side.
      for (const day of ['2025-03-08', '2025-03-29', '2025-04-05', '2025-09-27', '2025-10-04', '2025-10-25', '2025-11-01']) {
        const from = at(`${day}T00:00:00Z`);
        const calendar = new LocalCalendar(zone, { from, to: from + 72 * H });
        let covered = from;
        calendar.eachHour(from + 1234, from + 72 * H - 77, (hour, weekday, start, end) => {
          if (covered === from) covered = start;
          assert.equal(start, covered, 'pieces follow each other');
          assert.ok(end > start);
          for (const t of [start, end - 1]) {
            const local = DateTime.fromSeconds(t, { zone });
            assert.equal(hour, local.hour, `${name} ${day}: hour at ${t}`);
            assert.equal(weekday, local.weekday, `${name} ${day}: weekday at ${t}`);
          }
          covered = end;
        });
        assert.equal(covered, from + 72 * H - 77);
      }
    }
  });

  it('formats times with the table exactly as luxon, through the repeated hour', () => {
    const zone = namedZone('America/New_York');
    const from = at('2025-11-02T04:00:00Z');
    const clock = new ClockFormatter(new OffsetTable(zone, from, from + 4 * H));
    for (let t = from - 600; t < from + 5 * H; t += 599) {
      assert.equal(clock.format(t), DateTime.fromSeconds(t, { zone }).toFormat('yyyy-MM-dd HH:mm:ss'));
      assert.equal(clock.time(t), DateTime.fromSeconds(t, { zone }).toFormat('HH:mm:ss'));
    }
  });
});
