import { DateTime } from 'luxon';
import { CAUSE_SHORT, CAUSE_WORDS } from '../report/document/words.js';
import { formatSeedDuration } from '../time/duration.js';
import type { Zone } from '../time/zone.js';
import type { Delivery } from './delivery-queue.js';
import type { Notice } from './notifier.js';

/**
 * The words the channels people read (ntfy, the webhook's `text`) use for a notice. Discord keeps
 * network-outage-monitor's own titles (discord.ts) and shares only the notes.
 */
export function headline(notice: Notice): string {
  switch (notice.kind) {
    case 'started':
      return `Started monitoring ${notice.target}`;
    case 'stopped':
      return `Stopped monitoring ${notice.target}`;
    case 'down':
      return `${notice.target} is UNREACHABLE`;
    case 'up':
      return `${notice.target} is REACHABLE`;
    case 'cause':
      return `${notice.target} outage: ${CAUSE_SHORT[notice.cause]}`;
  }
}

export function detail(notice: Notice): string {
  switch (notice.kind) {
    case 'started':
      return `Watching ${notice.address}.`;
    case 'stopped':
      return `No longer watching ${notice.address}.`;
    case 'down':
      return `${notice.address} does not answer.${notice.upForSeconds === null ? '' : ` It was reachable for ${formatSeedDuration(notice.upForSeconds)}.`}`;
    case 'up':
      return `${notice.address} answers again.${notice.downForSeconds === null ? '' : ` It was unreachable for ${formatSeedDuration(notice.downForSeconds)}.`}`;
    case 'cause':
      return `Cause: ${CAUSE_WORDS[notice.cause]}.`;
  }
}

/**
 * What a message must add when its notice did not go out on time: the outage a folded DOWN stood
 * for, its cause, when a late notice happened (a late DOWN read after the UP is confusing without
 * it), and how many notices a full queue dropped before this one.
 */
export function deliveryNotes(delivery: Delivery, zone: Zone): string[] {
  const notes: string[] = [];
  const at = (seconds: number): string => wallClock(seconds, delivery.sentAt, zone);
  const down = delivery.folded.find((n) => n.kind === 'down');
  const cause = delivery.folded.find((n) => n.kind === 'cause');
  if (down) notes.push(`Unreachable from ${at(down.at)} to ${at(delivery.notice.at)} (the UNREACHABLE notice could not be sent at the time).`);
  if (cause?.kind === 'cause') notes.push(`Cause: ${CAUSE_WORDS[cause.cause]}.`);
  if (delivery.late && !down) notes.push(`(sent late: happened at ${at(delivery.notice.at)})`);
  if (delivery.dropped > 0) {
    notes.push(`(${delivery.dropped} older ${delivery.dropped === 1 ? 'notice was' : 'notices were'} dropped: too many were waiting to be sent)`);
  }
  return notes;
}

/** `14:02:11`, with the date when it was not the day the message is sent. */
function wallClock(unixSeconds: number, sentAtMs: number, zone: Zone): string {
  const t = DateTime.fromSeconds(unixSeconds, { zone });
  return t.toFormat(t.hasSame(DateTime.fromMillis(sentAtMs, { zone }), 'day') ? 'HH:mm:ss' : 'yyyy-MM-dd HH:mm:ss');
}
