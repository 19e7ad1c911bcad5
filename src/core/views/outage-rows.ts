import type { z } from 'zod';
import type { historyOutage } from '../../shared/api-contract.js';
import type { Outage } from '../accounting/outages.js';
import { observedEnd } from '../analysis/analysis.js';
import type { JournalEntry } from '../store/journal.js';
import type { ViewedTarget } from './view-targets.js';

export type HistoryOutage = z.infer<typeof historyOutage>;
type OutageStartEntry = Extract<JournalEntry, { type: 'outage-start' }>;
type OutageEndEntry = Extract<JournalEntry, { type: 'outage-end' }>;

/** A target's journal entries of outages, by the outage's start second: the join report-model makes. */
export interface OutageJournal {
  starts: Map<number, OutageStartEntry>;
  ends: Map<number, OutageEndEntry>;
}

export function outageJournal(journal: JournalEntry[]): OutageJournal {
  const starts = new Map<number, OutageStartEntry>();
  const ends = new Map<number, OutageEndEntry>();
  for (const entry of journal) {
    if (entry.type === 'outage-start') starts.set(entry.start, entry);
    else if (entry.type === 'outage-end') ends.set(entry.start, entry);
  }
  return { starts, ends };
}

/**
 * An outage as the views list it. Its duration is its whole length, not the part inside a range;
 * an open one lasts as far as the records go (to now when the process asking runs the session,
 * see extendOpenSession), the totals' rule too.
 */
export function historyOutageOf(target: ViewedTarget, outage: Outage, starts: OutageJournal['starts']): HistoryOutage {
  return {
    target: target.name,
    start: outage.start,
    end: outage.end,
    duration_s: downtimeEnd(target, outage) - outage.start,
    cause: starts.get(outage.start)?.cause ?? null,
  };
}

/** Where an outage's downtime ends: its end, or for an open one the last record, as a report has it. */
export function downtimeEnd(target: ViewedTarget, outage: Outage): number {
  return observedEnd(outage, target.series.times.at(-1) ?? null);
}
