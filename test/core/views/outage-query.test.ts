import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ApiFailure } from '../../../src/shared/api-contract.js';
import type { JournalEntry } from '../../../src/core/store/journal.js';
import { Status } from '../../../src/core/store/transition-record.js';
import { outageOf } from '../../../src/core/views/outage-query.js';
import { JournalCache } from '../../../src/core/views/journal-cache.js';
import { at, dataFolder, outageStart } from './data-folder.js';

const { STARTED, UP, DOWN } = Status;
const T = at('2025-06-02T00:00:00Z');
const NOT_LIVE = { liveTargets: [], nowSeconds: T + 86_400 };
const journals = new JournalCache();

function outageEnd(start: number, end: number, bounds: Extract<JournalEntry, { type: 'outage-end' }>['bounds']): JournalEntry {
  return { type: 'outage-end', target: 'wan', start, end, bounds, addping: [{ address: '203.0.113.10', result: { ok: true, rtt_ms: 12.5 } }] };
}

describe('one outage', () => {
  const start = outageStart('wan', T + 100, 'isp');
  const dataDir = dataFolder({
    wan: {
      records: [[T, STARTED], [T + 1, UP], [T + 100, DOWN], [T + 400, UP], [T + 1000, DOWN], [T + 1200, UP], [T + 2000, DOWN]],
      journal: [
        start,
        outageEnd(T + 100, T + 400, { last_success_before: T * 1000 + 98_500, first_failure: T * 1000 + 100_000, last_failure: T * 1000 + 399_750, first_success_after: T * 1000 + 400_000 }),
        outageEnd(T + 1000, T + 1200, { last_success_before: null, first_failure: T * 1000 + 1_000_000, last_failure: null, first_success_after: T * 1000 + 1_200_000 }),
        outageStart('wan', T + 2000, 'local'),
      ],
    },
  });

  it('has its evidence, its bounds, the addping answers at its end, and how far each end could be off', () => {
    const outage = outageOf(dataDir, 'wan', T + 100, NOT_LIVE, journals);
    assert.deepEqual(outage, {
      outage: { target: 'wan', start: T + 100, end: T + 400, duration_s: 300, cause: 'isp' },
      evidence: start.evidence,
      bounds: { last_success_before: T * 1000 + 98_500, first_failure: T * 1000 + 100_000, last_failure: T * 1000 + 399_750, first_success_after: T * 1000 + 400_000 },
      addping_after: [{ address: '203.0.113.10', result: { ok: true, rtt_ms: 12.5 } }],
      uncertainty_s: { start: 1.5, end: 0.25 },
    });
  });

  it('leaves a bound it does not know, and what was not journalled, empty', () => {
    const outage = outageOf(dataDir, 'wan', T + 1000, NOT_LIVE, journals);
    assert.deepEqual(outage.outage, { target: 'wan', start: T + 1000, end: T + 1200, duration_s: 200, cause: null });
    assert.equal(outage.evidence, null);
    assert.deepEqual(outage.uncertainty_s, { start: null, end: null });
  });

  it('is open, and lasts until now, while the asking process runs the session', () => {
    const outage = outageOf(dataDir, 'wan', T + 2000, { liveTargets: ['wan'], nowSeconds: T + 2600 }, journals);
    assert.deepEqual(outage.outage, { target: 'wan', start: T + 2000, end: null, duration_s: 600, cause: 'local' });
    assert.deepEqual([outage.bounds, outage.addping_after, outage.uncertainty_s], [null, [], { start: null, end: null }]);
    assert.notEqual(outage.evidence, null);
  });

  it('is refused in the user\'s words when no outage began then, or the target is unknown', () => {
    assert.throws(
      () => outageOf(dataDir, 'wan', T + 101, NOT_LIVE, journals),
      (err) => err instanceof ApiFailure && err.code === 'not-found' && err.message === 'wan had no outage that began at 2025-06-02T00:01:41Z',
    );
    assert.throws(() => outageOf(dataDir, 'lan', T + 100, NOT_LIVE, journals), (err) => err instanceof ApiFailure && err.code === 'not-found' && err.message === 'there is no target named "lan"');
  });
});
