import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extendOpenSession } from '../../../src/core/accounting/live-tail.js';
import { Status } from '../../../src/core/store/transition-record.js';
import { series } from '../../support/series.js';

const records = (s: ReturnType<typeof series>) => [...s.times].map((t, i) => [t, s.statuses[i]]);

describe('an open session carried to now by the process that runs it', () => {
  it('holds the last UP or DOWN until now, in memory', () => {
    const up = series([[100, Status.STARTED], [101, Status.UP]]);
    assert.deepEqual(records(extendOpenSession(up, 500)), [[100, Status.STARTED], [101, Status.UP], [500, Status.UP]]);
    const down = series([[100, Status.STARTED], [101, Status.UP], [200, Status.DOWN]]);
    assert.deepEqual(records(extendOpenSession(down, 500)).at(-1), [500, Status.DOWN]);
    assert.deepEqual(records(up), [[100, Status.STARTED], [101, Status.UP]], 'the series read from disk is not changed');
  });

  it('leaves a closed session, one not yet probed, an empty log and a log already past now as they are', () => {
    for (const s of [
      series([[100, Status.STARTED], [101, Status.UP], [150, Status.STOPPED]]),
      series([[100, Status.STARTED]]),
      series([]),
      series([[100, Status.STARTED], [600, Status.UP]]),
    ]) {
      assert.equal(extendOpenSession(s, 500), s);
    }
  });
});
