import { z } from 'zod';

/**
 * What monitors report. One definition: the journal stores these lines, and the views (the
 * app over IPC, the browser over HTTP) receive the same shapes; each side validates on receipt.
 * Times: `at`, `start`, `end` in unix seconds (the transition log's resolution); bounds in ms.
 */
export const probeFact = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), rtt_ms: z.number().nonnegative() }),
  z.object({
    ok: z.literal(false),
    reason: z.enum(['timeout', 'unreachable', 'local', 'error']),
    from: z.string().optional(),
    detail: z.string().optional(),
  }),
]);

export const addressFact = z.object({ address: z.string(), result: probeFact });

export const outageCause = z.enum(['local', 'isp', 'target', 'unknown']);

export const startEvidence = z.object({
  first_failure: probeFact,
  /** The default gateway's answer; null when the target is the gateway or none is known. */
  gateway: addressFact.nullable(),
  dns: z.object({ server: z.string(), name: z.string(), answered: z.boolean(), detail: z.string() }).nullable(),
  addping: z.array(addressFact),
});

/** It began after last_success_before and by first_failure; it ended after last_failure and by first_success_after. */
export const outageBounds = z.object({
  last_success_before: z.number().nullable(),
  first_failure: z.number(),
  last_failure: z.number().nullable(),
  first_success_after: z.number().nullable(),
});

const unixSeconds = z.number().int().nonnegative();
const figure = z.number().nonnegative().nullable();

/** What a degraded period was measured as: loss in percent, the median round trip and the target's own baseline in ms. */
const degradedFigures = {
  loss_pct: figure,
  median_rtt_ms: figure,
  baseline_rtt_ms: figure,
  /** In words: "loss 20 % (threshold 5 %)". */
  reason: z.string().max(500),
};

export const monitorEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('transition'), target: z.string(), status: z.enum(['UP', 'DOWN']), at: unixSeconds, initial: z.boolean() }),
  z.object({ type: z.literal('outage-start'), target: z.string(), start: unixSeconds, cause: outageCause, evidence: startEvidence }),
  z.object({
    type: z.literal('outage-end'),
    target: z.string(),
    start: unixSeconds,
    end: unixSeconds,
    bounds: outageBounds,
    addping: z.array(addressFact),
  }),
  /** The connection works, but badly: never downtime, shown beside the outages. */
  z.object({ type: z.literal('degraded'), target: z.string(), start: unixSeconds, ...degradedFigures }),
  z.object({ type: z.literal('degraded-end'), target: z.string(), start: unixSeconds, end: unixSeconds, ...degradedFigures }),
  /** Why the session that a STOPPED at `start` closes was stopped: the user paused, the settings changed. */
  z.object({
    type: z.literal('unmonitored'),
    target: z.string(),
    start: unixSeconds,
    /** When a pause was to end; null: until resumed, or not a pause. */
    until: unixSeconds.nullable(),
    reason: z.enum(['paused', 'settings-changed']),
    detail: z.string().max(200),
  }),
]);

export type ProbeFact = z.infer<typeof probeFact>;
export type AddressFact = z.infer<typeof addressFact>;
export type OutageCause = z.infer<typeof outageCause>;
export type StartEvidence = z.infer<typeof startEvidence>;
export type OutageBounds = z.infer<typeof outageBounds>;
export type MonitorEvent = z.infer<typeof monitorEvent>;
