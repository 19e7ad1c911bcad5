import { z } from 'zod';

/**
 * What the instance-wide monitors (ddns, failover) record, one JSON line each, in the system
 * journal (`DATA/_events/events_YYYY-MM.jsonl`) and sent as they are to live views. Times in
 * unix seconds. Per-target events (outages, ping samples) live in events.ts.
 */
export const ipChangeEvent = z.object({
  type: z.literal('ip-change'),
  at: z.number().int().nonnegative(),
  family: z.enum(['ipv4', 'ipv6']),
  /** null: the first address this data folder has seen. */
  old: z.string().nullable(),
  new: z.string(),
  provider: z.string(),
});

export const ipUnknownEvent = z.object({
  type: z.literal('ip-unknown'),
  at: z.number().int().nonnegative(),
  family: z.enum(['ipv4', 'ipv6']),
  /** Each provider asked, and why its answer was not taken. */
  tried: z.array(z.object({ provider: z.string(), error: z.string() })),
});

export const failoverLinkRole = z.enum(['primary', 'standby']);

export const failoverEvent = z.object({
  type: z.literal('failover'),
  at: z.number().int().nonnegative(),
  /** initial: the state found at start; switch: traffic moved; both-down: no link works; postping: the check after a switch. */
  kind: z.enum(['initial', 'switch', 'both-down', 'postping']),
  /** The link carrying the default route after this event; null when none does. */
  active: failoverLinkRole.nullable(),
  primary: z.object({ up: z.boolean(), address: z.string() }),
  standby: z.object({ up: z.boolean(), address: z.string() }),
  /** For a switch: the default route was read back from the kernel and matched. */
  verified: z.boolean().optional(),
  /** For postping: the address probed and whether it answered. */
  postping: z.object({ address: z.string(), online: z.boolean() }).optional(),
  detail: z.string().optional(),
});

export const systemEvent = z.discriminatedUnion('type', [ipChangeEvent, ipUnknownEvent, failoverEvent]);

export type IpChangeEvent = z.infer<typeof ipChangeEvent>;
export type IpUnknownEvent = z.infer<typeof ipUnknownEvent>;
export type FailoverEvent = z.infer<typeof failoverEvent>;
export type SystemEvent = z.infer<typeof systemEvent>;
