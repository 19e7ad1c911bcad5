import { z } from 'zod';
import { addressFact, outageCause, probeFact, startEvidence } from './events.js';

/**
 * `nom report --format json`: the stable, documented schema (docs/report-json.md). Times are
 * ISO 8601 UTC with `Z`; durations whole seconds. The daemon's HTTP API serves the same shape.
 */
const isoUtc = z.iso.datetime({ offset: false, precision: 0 });
const isoUtcMs = z.iso.datetime({ offset: false, precision: 3 });

export const outageJson = z.object({
  start: isoUtc,
  /** null while the outage is still open. */
  end: isoUtc.nullable(),
  duration_s: z.number().int().nonnegative().nullable(),
  cause: outageCause,
  evidence: z.object({
    /** What closed the span: an UP record, the monitor stopping, or the monitor restarting without a clean stop. */
    ended_by: z.enum(['up', 'stopped', 'restarted']).nullable(),
    /** When the probes say it began and ended, to the millisecond; null for logs without a journal. */
    bounds: z
      .object({
        last_success_before: isoUtcMs.nullable(),
        first_failure: isoUtcMs,
        last_failure: isoUtcMs.nullable(),
        first_success_after: isoUtcMs.nullable(),
      })
      .nullable(),
    first_failure: probeFact.nullable(),
    gateway: addressFact.nullable(),
    dns: startEvidence.shape.dns,
    addping: z.array(addressFact),
  }),
});

export const targetJson = z.object({
  name: z.string(),
  address: z.string().nullable(),
  uptime_s: z.number().int().nonnegative(),
  downtime_s: z.number().int().nonnegative(),
  unmonitored_s: z.number().int().nonnegative(),
  /** uptime / (uptime + downtime), 0..1; null when nothing in the range was monitored. */
  availability: z.number().min(0).max(1).nullable(),
  outages: z.array(outageJson),
});

export const reportJson = z.object({
  from: isoUtc,
  to: isoUtc,
  targets: z.array(targetJson),
});

export type ReportJson = z.infer<typeof reportJson>;
export type TargetJson = z.infer<typeof targetJson>;
export type OutageJson = z.infer<typeof outageJson>;
