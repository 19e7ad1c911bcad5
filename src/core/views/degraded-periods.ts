import type { z } from 'zod';
import type { degradedPeriod } from '../../shared/api-contract.js';
import type { TimeRange } from '../accounting/time-range.js';
import type { JournalEntry } from '../store/journal.js';

export type DegradedPeriod = z.infer<typeof degradedPeriod>;

/**
 * A target's degraded periods that overlap the range, oldest first. A `degraded-end` closes the
 * `degraded` with the same start and carries the figures measured over the whole period, so
 * they replace the ones measured when it began; a `degraded` without one is still open.
 */
export function degradedPeriodsOf(target: string, journal: JournalEntry[], range: TimeRange): DegradedPeriod[] {
  const periods = new Map<number, DegradedPeriod>();
  for (const entry of journal) {
    if (entry.type !== 'degraded' && entry.type !== 'degraded-end') continue;
    const { start, loss_pct, median_rtt_ms, baseline_rtt_ms, reason } = entry;
    periods.set(start, { target, start, end: entry.type === 'degraded-end' ? entry.end : null, loss_pct, median_rtt_ms, baseline_rtt_ms, reason });
  }
  return [...periods.values()]
    .filter((p) => p.start < range.to && (p.end === null || p.end > range.from))
    .sort((a, b) => a.start - b.start);
}
