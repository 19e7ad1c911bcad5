import { z } from 'zod';
import { outageCause } from './events.js';

/**
 * The body nom's JSON webhook POSTs for each notice (docs/notifications.md): one definition for
 * nom and for receivers, who should validate what they get with it. Times are ISO 8601 UTC with
 * `Z`, to the second; durations whole seconds. Every field is always present (null when it does
 * not apply), so a receiver never has to test for a missing key.
 */
const isoUtc = z.iso.datetime({ offset: false, precision: 0 });
const seconds = z.number().int().nonnegative();

export const NOTICE_JSON_VERSION = 1;

export const noticeJson = z.strictObject({
  version: z.literal(NOTICE_JSON_VERSION),
  /** The same on every retry of one notice: a receiver that sees it twice can drop the copy. */
  id: z.uuid(),
  kind: z.enum(['started', 'stopped', 'down', 'up', 'cause']),
  target: z.string(),
  address: z.string(),
  /** When it happened: for `down`, the first failed probe; for `cause`, the outage's start. */
  time: isoUtc,
  /** When this request was made. */
  sent_at: isoUtc,
  /** Sent well after it happened (it waited out an outage, or the receiver was down). */
  late: z.boolean(),
  /** `down`: how long the target had been reachable; null for other kinds or when not known. */
  up_for_s: seconds.nullable(),
  /** `up`: how long the outage lasted; null for other kinds or when not known. */
  down_for_s: seconds.nullable(),
  /** `cause`: where the outage is; null for other kinds. */
  cause: outageCause.nullable(),
  /** Notices to this receiver dropped (too many waited to be sent) since the last one delivered. */
  dropped_before: seconds,
  /** One line for people, e.g. for a chat bridge. */
  text: z.string(),
});

export type NoticeJson = z.infer<typeof noticeJson>;
