import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { outagesIn, outagesOf } from '../../../src/core/accounting/outages.js';
import { recordedRange, totalsOf } from '../../../src/core/accounting/totals.js';
import { Status } from '../../../src/core/store/transition-record.js';
import { series } from '../../support/series.js';

const { UP, DOWN, STARTED, STOPPED } = Status;

describe('totals over monitoring sessions', () => {
  // Session 1: 0..1000 (down 100..160); gap 1000..5000; session 2: 5000..6000, ends down.
  const s = series([
    [0, STARTED], [2, UP], [100, DOWN], [160, UP], [1000, STOPPED],
    [5000, STARTED], [5001, UP], [5900, DOWN], [6000, STOPPED],
  ]);

  it('counts UP spans as uptime and DOWN spans as downtime', () => {
    const t = totalsOf(s, recordedRange(s)!);
    assert.equal(t.uptime, 98 + 840 + 899);
    assert.equal(t.downtime, 60 + 100);
  });

  it('counts time between sessions, and from STARTED to the first probe, as neither', () => {
    const t = totalsOf(s, recordedRange(s)!);
    assert.equal(t.unmonitored, 2 + 4000 + 1);
    assert.equal(t.uptime + t.downtime + t.unmonitored, 6000);
  });

  it('clips spans to a range, and time outside the records is unmonitored', () => {
    const t = totalsOf(s, { from: 130, to: 5100 });
    assert.equal(t.downtime, 30);
    assert.equal(t.uptime, 840 + 99);
    assert.equal(t.unmonitored, 4000 + 1);
    const wide = totalsOf(s, { from: -500, to: 7000 });
    assert.equal(wide.unmonitored, 500 + 2 + 4000 + 1 + 1000);
  });

  it('a crash (STARTED with no STOPPED before it) leaves the last state counting, as the original does', () => {
    const crashed = series([[0, STARTED], [1, UP], [500, STARTED], [501, DOWN], [600, UP], [700, STOPPED]]);
    const t = totalsOf(crashed, recordedRange(crashed)!);
    assert.equal(t.uptime, 499 + 100);
    assert.equal(t.downtime, 99);
  });

  it('an empty series has no range', () => {
    assert.equal(recordedRange(series([])), null);
  });
});

describe('outages', () => {
  it('finds each DOWN..UP span and says how it ended', () => {
    const s = series([
      [0, STARTED], [1, UP], [10, DOWN], [20, UP], [30, DOWN], [40, STOPPED],
      [50, STARTED], [51, DOWN], [60, DOWN], [70, STARTED], [71, UP], [80, DOWN],
    ]);
    assert.deepEqual(outagesOf(s), [
      { start: 10, end: 20, endedBy: 'up' },
      { start: 30, end: 40, endedBy: 'stopped' },
      { start: 51, end: 70, endedBy: 'restarted' },
      { start: 80, end: null, endedBy: null },
    ]);
  });

  it('keeps outages that overlap the range, and an open one up to the range end', () => {
    const all = [
      { start: 10, end: 20, endedBy: 'up' as const },
      { start: 30, end: 40, endedBy: 'up' as const },
      { start: 80, end: null, endedBy: null },
    ];
    assert.deepEqual(outagesIn(all, { from: 15, to: 30 }), [all[0]]);
    assert.deepEqual(outagesIn(all, { from: 20, to: 80 }), [all[1], all[2]]);
    assert.deepEqual(outagesIn(all, { from: 41, to: 79 }), []);
  });
});
