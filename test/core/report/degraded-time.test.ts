import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildReport } from '../../../src/core/report/report-model.js';
import type { JournalEntry } from '../../../src/core/store/journal.js';
import { Status } from '../../../src/core/store/transition-record.js';
import { series } from '../../support/series.js';

const FIGURES = { loss_pct: 12, median_rtt_ms: 25, baseline_rtt_ms: 10, reason: 'loss 12 % (threshold 5 %)' };
const open = (start: number): JournalEntry => ({ type: 'degraded', target: 'wan', start, ...FIGURES });
const closed = (start: number, end: number): JournalEntry => ({ type: 'degraded-end', target: 'wan', start, end, ...FIGURES });
const stopped = (start: number, reason: 'paused' | 'settings-changed'): JournalEntry => ({ type: 'unmonitored', target: 'wan', start, until: null, reason, detail: '' });

/** Two sessions, 1000–2000 and 3000–4000 (the second crashed: a STARTED with no STOPPED before it), then one from 5000 on. */
const RECORDS: Array<[number, Status]> = [
  [1000, Status.STARTED],
  [1000, Status.UP],
  [2000, Status.STOPPED],
  [3000, Status.STARTED],
  [3000, Status.UP],
  [5000, Status.STARTED],
  [5000, Status.UP],
  [6000, Status.UP],
];

function target(journal: JournalEntry[], range: { from: number; to: number }) {
  return buildReport([{ name: 'wan', address: null, series: series(RECORDS), journal }], range).targets[0]!;
}

describe('degraded time in the report model', () => {
  it('ends an open period where its session ended: a STOPPED, a restart, or the last record', () => {
    const t = target([open(1500), open(3500), open(5500)], { from: 1000, to: 6000 });
    assert.deepEqual(
      t.degraded.periods.map((p) => [p.start, p.end, p.endedBy]),
      [
        [1500, 2000, 'stopped'],
        [3500, 5000, 'restarted'],
        [5500, 6000, 'open'],
      ],
    );
    assert.equal(t.degraded.seconds, 500 + 1500 + 500);
  });

  it('clips to the range, saying which ends were cut', () => {
    const t = target([open(1200), closed(1200, 1800), open(5500), closed(5500, 7000)], { from: 1500, to: 5800 });
    assert.deepEqual(
      t.degraded.periods.map((p) => [p.start, p.end, p.endedBy, p.startedBefore]),
      [
        [1500, 1800, 'recovered', true],
        [5500, 5800, 'past-range', false],
      ],
    );
    assert.deepEqual(t.degraded.periods[0], { start: 1500, end: 1800, endedBy: 'recovered', startedBefore: true, ...FIGURES });
  });

  it('leaves out an open period whose session ended before the range, or one past the last record', () => {
    assert.deepEqual(target([open(1500), open(6500)], { from: 2500, to: 7000 }).degraded, { periods: [], seconds: 0 });
  });

  it('counts none of it in the totals', () => {
    const range = { from: 1000, to: 6000 };
    assert.deepEqual(target([open(1500), closed(1500, 1900), open(5500)], range).totals, target([], range).totals);
  });

  it('counts as paused only the gaps an unmonitored entry says the user paused, clipped to the range', () => {
    const range = { from: 1500, to: 6000 };
    assert.equal(target([stopped(2000, 'paused')], range).pausedSeconds, 1000);
    assert.equal(target([stopped(2000, 'paused')], { from: 2500, to: 6000 }).pausedSeconds, 500);
    assert.equal(target([stopped(2000, 'settings-changed')], range).pausedSeconds, 0);
    assert.equal(target([], range).pausedSeconds, 0);
  });

  it('counts a pause not yet resumed to the range end', () => {
    const records: Array<[number, Status]> = [
      [1000, Status.STARTED],
      [1000, Status.UP],
      [2000, Status.STOPPED],
    ];
    const report = buildReport([{ name: 'wan', address: null, series: series(records), journal: [stopped(2000, 'paused')] }], { from: 1000, to: 2600 });
    assert.equal(report.targets[0]!.pausedSeconds, 600);
  });
});
