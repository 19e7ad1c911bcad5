import { ApiFailure, type OutageValue } from '../../shared/api-contract.js';
import type { OutageBounds } from '../../shared/events.js';
import { outagesOf } from '../accounting/outages.js';
import { isoUtc } from '../time/clock-format.js';
import type { JournalCache } from './journal-cache.js';
import { historyOutageOf, outageJournal } from './outage-rows.js';
import { loadViewed, viewedTarget, type LiveOptions } from './view-targets.js';

/**
 * The `outage` call: the outage of `target` that began at `start` (unix seconds), with what the
 * journal recorded when it began and ended. Reads the data folder and changes nothing, the
 * journal through the caller's cache.
 */
export function outageOf(dataDir: string, target: string, start: number, options: LiveOptions, journals: JournalCache): OutageValue {
  const data = loadViewed(viewedTarget(dataDir, target), options, journals);
  const outage = outagesOf(data.series).find((o) => o.start === start);
  if (!outage) throw new ApiFailure('not-found', `${target} had no outage that began at ${isoUtc(start)}`);
  const journal = outageJournal(data.journal);
  const ended = journal.ends.get(start);
  const bounds = ended?.bounds ?? null;
  return {
    outage: historyOutageOf(data, outage, journal.starts),
    evidence: journal.starts.get(start)?.evidence ?? null,
    bounds,
    addping_after: ended?.addping ?? [],
    uncertainty_s: uncertaintyOf(bounds),
  };
}

/** How far each end could be off: the time between the last probe that saw one state and the first that saw the other. */
function uncertaintyOf(bounds: OutageBounds | null): OutageValue['uncertainty_s'] {
  if (bounds === null) return { start: null, end: null };
  const { last_success_before, first_failure, last_failure, first_success_after } = bounds;
  return {
    start: last_success_before === null ? null : (first_failure - last_success_before) / 1000,
    end: last_failure === null || first_success_after === null ? null : (first_success_after - last_failure) / 1000,
  };
}
