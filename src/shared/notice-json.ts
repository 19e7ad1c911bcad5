import { z } from 'zod';
import { outageCause } from './events.js';

/**
 * The body nom's JSON webhook POSTs for each notice (docs/notifications.md): one definition for
 * nom and for receivers, who should validate what they get with it. Times are ISO 8601 UTC with
 * `Z`, to the second; durations whole seconds. Every field of a kind is always present (null when
 * it does not apply), so a receiver never has to test for a missing key.
 *
 * Version 1 began with the kinds about one target (started, stopped, down, up, cause) and has
 * since grown kinds of its own shape (failover, ip-change, degraded, degraded-end, paused,
 * resumed). A receiver is sent those only when its channel's `events` lists their group, so one
 * written for the first kinds gets exactly the bodies it always got.
 */
const isoUtc = z.iso.datetime({ offset: false, precision: 0 });
const seconds = z.number().int().nonnegative();
const figure = z.number().nonnegative().nullable();

export const NOTICE_JSON_VERSION = 1;

/** What every kind has. */
const common = {
  version: z.literal(NOTICE_JSON_VERSION),
  /** The same on every retry of one notice: a receiver that sees it twice can drop the copy. */
  id: z.uuid(),
  /** When it happened: for `down`, the first failed probe; for `cause` and `degraded`, the start; for `degraded-end`, the end. */
  time: isoUtc,
  /** When this request was made. */
  sent_at: isoUtc,
  /** Sent well after it happened (it waited out an outage, or the receiver was down). */
  late: z.boolean(),
  /** Notices to this receiver dropped (too many waited to be sent) since the last one delivered. */
  dropped_before: seconds,
  /** One line for people, e.g. for a chat bridge. */
  text: z.string(),
};

/** The outage fields of the first kinds, always null in the others. */
const noOutage = { up_for_s: z.null(), down_for_s: z.null(), cause: z.null() };

const targetNoticeJson = z.strictObject({
  ...common,
  kind: z.enum(['started', 'stopped', 'down', 'up', 'cause']),
  target: z.string(),
  address: z.string(),
  /** `down`: how long the target had been reachable; null for other kinds or when not known. */
  up_for_s: seconds.nullable(),
  /** `up`: how long the outage lasted; null for other kinds or when not known. */
  down_for_s: seconds.nullable(),
  /** `cause`: where the outage is; null for other kinds. */
  cause: outageCause.nullable(),
});

/** A failover link; `address` is its interface's own, null when it has none. */
const link = z.strictObject({ name: z.string(), address: z.string().nullable(), up: z.boolean() });

const failoverNoticeJson = z.strictObject({
  ...common,
  ...noOutage,
  kind: z.literal('failover'),
  /** The link carrying traffic after it, and its address; null when none does. */
  target: z.string().nullable(),
  address: z.string().nullable(),
  failover: z.strictObject({
    /** switch: traffic moved (or, `verified` false, could not be); both-down: no link works; postping-failed: the check after a switch got no answer. */
    change: z.enum(['switch', 'both-down', 'postping-failed']),
    active: z.enum(['primary', 'standby']).nullable(),
    primary: link,
    standby: link,
    /** The new default route was read back and matched; null when not checked. */
    verified: z.boolean().nullable(),
    /** postping-failed: the address that did not answer; else null. */
    checked: z.string().nullable(),
  }),
});

const ipChangeNoticeJson = z.strictObject({
  ...common,
  ...noOutage,
  kind: z.literal('ip-change'),
  target: z.null(),
  address: z.null(),
  ip_change: z.strictObject({ family: z.enum(['ipv4', 'ipv6']), old: z.string(), new: z.string(), provider: z.string() }),
});

const degradedNoticeJson = z.strictObject({
  ...common,
  ...noOutage,
  /** degraded: the target answers, but badly; degraded-end: it works normally again. */
  kind: z.enum(['degraded', 'degraded-end']),
  target: z.string(),
  /** Not known to the degraded period's record. */
  address: z.null(),
  degraded: z.strictObject({
    since: isoUtc,
    /** degraded-end: how long the period lasted; degraded: null. */
    lasted_s: seconds.nullable(),
    loss_pct: figure,
    median_rtt_ms: figure,
    /** The target's usual round trip. */
    baseline_rtt_ms: figure,
    reason: z.string(),
  }),
});

const pauseNoticeJson = z.strictObject({
  ...common,
  ...noOutage,
  kind: z.enum(['paused', 'resumed']),
  target: z.null(),
  address: z.null(),
  /** paused: when probing resumes by itself (null: when someone resumes it) and why; resumed: null. */
  pause: z.strictObject({ until: isoUtc.nullable(), reason: z.string().nullable() }).nullable(),
});

export const noticeJson = z.discriminatedUnion('kind', [targetNoticeJson, failoverNoticeJson, ipChangeNoticeJson, degradedNoticeJson, pauseNoticeJson]);

export type NoticeJson = z.infer<typeof noticeJson>;
