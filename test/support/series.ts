import type { TransitionSeries } from '../../src/core/store/transition-log.js';
import type { Status } from '../../src/core/store/transition-record.js';

export function series(records: Array<[number, Status]>): TransitionSeries {
  return {
    times: Float64Array.from(records, ([t]) => t),
    statuses: Uint8Array.from(records, ([, s]) => s),
    formats: new Set(['v2']),
    files: [],
  };
}
