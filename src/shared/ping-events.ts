import { z } from 'zod';

const rttMs = z.number().nonnegative().nullable();

/**
 * One minute of the ping monitor for one target, sent to live views as it is recorded (the
 * same figures as the samples file, docs/samples-format.md). Times of day in unix seconds,
 * round-trip times in milliseconds.
 */
export const pingSampleEvent = z
  .object({
    type: z.literal('ping-sample'),
    target: z.string(),
    address: z.string(),
    /** Start of the UTC minute. */
    at: z.number().int().nonnegative().multipleOf(60),
    sent: z.number().int().positive(),
    received: z.number().int().nonnegative(),
    /** null when no reply came back in the minute. */
    min_ms: rttMs,
    avg_ms: rttMs,
    max_ms: rttMs,
    /** Mean absolute difference of consecutive round-trip times within each round; null when no round had two replies. */
    jitter_ms: rttMs,
  })
  .refine((e) => e.received <= e.sent, { message: 'more replies than requests', path: ['received'] });

export type PingSampleEvent = z.infer<typeof pingSampleEvent>;
