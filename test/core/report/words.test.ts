import assert from 'node:assert/strict';
import { test } from 'node:test';
import { exactDuration, humanDuration, milliseconds, pausedSentence, periodWords } from '../../../src/core/report/document/words.js';
import { namedZone } from '../../../src/core/time/zone.js';

test('humanDuration carries a rounded-up unit into the next one', () => {
  assert.equal(humanDuration(59), '59 seconds');
  assert.equal(humanDuration(3599), '1 h');
  assert.equal(humanDuration(2 * 3600 - 10), '2 h');
  assert.equal(humanDuration(3600 + 59 * 60 + 45), '2 h');
  assert.equal(humanDuration(86_400 - 10), '1 day');
  assert.equal(humanDuration(63 * 86_400 + 23 * 3600 + 45 * 60), '64 days');
  assert.equal(humanDuration(2 * 86_400 + 23 * 3600), '2 days 23 h');
  assert.equal(humanDuration(90 * 60), '1 h 30 m');
  assert.equal(humanDuration(61), '1 minute');
});

test('exactDuration keeps every second', () => {
  assert.equal(exactDuration(122), '2 min 2 s');
  assert.equal(exactDuration(3605), '1 h 0 min 5 s');
});

test('periodWords names a whole year, month or day, and otherwise both ends', () => {
  const utc = namedZone('UTC');
  const at = (iso: string) => Date.parse(iso) / 1000;
  assert.equal(periodWords({ from: at('2025-01-01T00:00:00Z'), to: at('2026-01-01T00:00:00Z') }, utc), 'in 2025');
  assert.equal(periodWords({ from: at('2025-10-01T00:00:00Z'), to: at('2025-11-01T00:00:00Z') }, utc), 'in October 2025');
  assert.equal(periodWords({ from: at('2025-10-03T00:00:00Z'), to: at('2025-10-04T00:00:00Z') }, utc), 'on 3 October 2025');
  assert.equal(periodWords({ from: at('2025-10-01T00:00:00Z'), to: at('2025-10-16T00:00:00Z') }, utc), 'between 1 October and 15 October 2025');
});

test('periodWords names the day of a range within one day', () => {
  const oslo = namedZone('Europe/Oslo');
  const at = (iso: string) => Date.parse(iso) / 1000;
  assert.equal(periodWords({ from: at('2025-10-10T08:10:00Z'), to: at('2025-10-10T21:40:00Z') }, oslo), 'on 10 October 2025');
  assert.equal(periodWords({ from: at('2025-10-10T08:10:00Z'), to: at('2025-10-10T22:00:01Z') }, oslo), 'between 10 October and 11 October 2025');
});

test('milliseconds keeps three significant figures', () => {
  assert.equal(milliseconds(12.345), '12.3 ms');
  assert.equal(milliseconds(0.8449), '0.845 ms');
  assert.equal(milliseconds(1234.4), '1234 ms');
  assert.equal(milliseconds(99.96), '100 ms');
  assert.equal(milliseconds(null), 'no answer');
  assert.equal(milliseconds(null, 'not measured'), 'not measured');
});

test('pausedSentence names the targets only when the report has several', () => {
  assert.equal(pausedSentence([['wan', 1500]], false), 'Of the time not monitored, the user paused monitoring for 25 minutes.');
  assert.equal(
    pausedSentence([['wan', 1500], ['lan', 600], ['dns', 60]], true),
    'Of the time not monitored, the user paused monitoring for 25 minutes (wan), 10 minutes (lan) and 1 minute (dns).',
  );
});
