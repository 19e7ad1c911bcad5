import { z } from 'zod';
import { addressFact, outageCause, probeFact, startEvidence } from './events.js';
import { systemEvent } from './system-events.js';

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

/**
 * A time the connection worked, but badly: loss or round-trip time over the monitor's thresholds.
 * Shown apart from the outages; never in downtime_s, the availabilities or the SLA figures (the
 * transition log counts the time as uptime, as it was).
 */
export const degradedJson = z.object({
  /**
   * Clipped to the report's range. One still open ends where its monitoring session's records
   * end: the STOPPED (or STARTED) that closed the session, else the last record, which for a
   * target the running monitor watches is the time the report was made.
   */
  start: isoUtc,
  end: isoUtc,
  /** end - start. */
  duration_s: z.number().int().nonnegative(),
  /** Echo requests lost, in percent (0..100): the worst seen over the period, or as measured when it began while it is open; null when not measured. */
  loss_pct: z.number().nonnegative().nullable(),
  /** The median round trip in ms, the worst seen likewise; null when nothing was answered. */
  median_rtt_ms: z.number().nonnegative().nullable(),
  /** The target's usual round trip in ms, which the median was held against; null when none was learned yet. */
  baseline_rtt_ms: z.number().nonnegative().nullable(),
  /** Why it counts as degraded, with the thresholds as the monitor recorded them: `loss 20 % (threshold 5 %)`. */
  reason: z.string(),
});

/** Response times, jitter and loss over one local period, from the ping monitor's per-minute samples. */
export const latencyPeriodJson = z.object({
  /** Local time: `2025-10-26` (a day), `2025-10-26 02:00` (an hour; ` +01:00` added when a DST change repeats it), or `FIRST – LAST` day for the whole range. */
  period: z.string(),
  /** The period within the report's range, `[from, to)`. */
  from: isoUtc,
  to: isoUtc,
  /** Echo requests sent, and answered, in the minutes that began in the period. */
  sent: z.number().int().nonnegative(),
  received: z.number().int().nonnegative(),
  /** Round-trip times in milliseconds (to the microsecond); null when nothing was answered. */
  min_ms: z.number().nonnegative().nullable(),
  /** Mean over every reply: each minute's mean weighted by its replies. */
  avg_ms: z.number().nonnegative().nullable(),
  max_ms: z.number().nonnegative().nullable(),
  /** Each minute's jitter weighted by its replies; null when no round had two replies. */
  jitter_ms: z.number().nonnegative().nullable(),
  /** (sent - received) / sent, 0..1; null when nothing was sent. */
  loss: z.number().min(0).max(1).nullable(),
});

export const targetJson = z.object({
  name: z.string(),
  address: z.string().nullable(),
  uptime_s: z.number().int().nonnegative(),
  downtime_s: z.number().int().nonnegative(),
  unmonitored_s: z.number().int().nonnegative(),
  /** uptime / (uptime + downtime), 0..1; null when nothing in the range was monitored. */
  availability: z.number().min(0).max(1).nullable(),
  /** Of downtime_s, the outages with cause `target` (DNS answered: the internet worked). */
  target_only_s: z.number().int().nonnegative(),
  internet_downtime_s: z.number().int().nonnegative(),
  /** (uptime + target_only) / (uptime + downtime), 0..1; null when nothing was monitored. */
  internet_availability: z.number().min(0).max(1).nullable(),
  /** Internet outages (every cause but `target`), their longest, MTTR and MTBF in seconds. */
  internet_outages: z.number().int().nonnegative(),
  longest_outage_s: z.number().nonnegative().nullable(),
  mttr_s: z.number().nonnegative().nullable(),
  mtbf_s: z.number().nonnegative().nullable(),
  by_cause: z.record(outageCause, z.object({ count: z.number().int().nonnegative(), seconds: z.number().nonnegative() })),
  /** Present when the report was asked to check a contract (--sla). */
  sla: z
    .object({
      target: z.number().min(0).max(1),
      hours: z.string(),
      min_outage_s: z.number().nonnegative(),
      monitored_s: z.number().nonnegative(),
      counted_downtime_s: z.number().nonnegative(),
      counted_outages: z.number().int().nonnegative(),
      availability: z.number().min(0).max(1).nullable(),
      met: z.boolean().nullable(),
      gap_hours: z.number(),
    })
    .nullable(),
  /** From the ping monitor's samples; null when it did not watch the target in the range. */
  latency: z
    .object({
      total: latencyPeriodJson,
      /** Every local day of the range, those without samples too. */
      days: z.array(latencyPeriodJson),
      /** Every local hour, when the range is 50 hours or shorter; else null. */
      hours: z.array(latencyPeriodJson).nullable(),
    })
    .nullable(),
  outages: z.array(outageJson),
  /** Degraded periods in the range, oldest first; [] when there were none. */
  degraded: z.array(degradedJson),
  /** The sum of degraded[].duration_s. */
  degraded_s: z.number().int().nonnegative(),
});

export const reportJson = z.object({
  from: isoUtc,
  to: isoUtc,
  /** The zone days and hours were counted in. */
  zone: z.string(),
  generated_at: isoUtc,
  targets: z.array(targetJson),
  /** IP changes and failovers in the range (the system journal's entries). */
  events: z.array(systemEvent),
  evidence: z.object({
    clock: z.object({ state: z.enum(['synchronized', 'not synchronized', 'unknown']), source: z.string() }),
    /** SHA-256 of the sha256sum-format list of the data files the report was made from. */
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    files: z.array(z.object({ path: z.string(), bytes: z.number().int().nonnegative(), sha256: z.string().regex(/^[0-9a-f]{64}$/) })),
  }),
});

export type ReportJson = z.infer<typeof reportJson>;
export type TargetJson = z.infer<typeof targetJson>;
export type OutageJson = z.infer<typeof outageJson>;
export type DegradedJson = z.infer<typeof degradedJson>;
export type LatencyPeriodJson = z.infer<typeof latencyPeriodJson>;
