import { DateTime } from 'luxon';
import { CAUSE_SHORT, CAUSE_WORDS } from '../report/document/words.js';
import { formatSeedDuration } from '../time/duration.js';
import type { Zone } from '../time/zone.js';
import type { Delivery } from './delivery-queue.js';
import { failoverWords } from './failover-text.js';
import type { DegradedFigures, Notice } from './notifier.js';

/**
 * The words the channels people read (ntfy, the webhook's `text`) use for a notice. Discord keeps
 * network-outage-monitor's own titles for the kinds it had (discord.ts) and shares the rest.
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
    case 'failover':
      return failoverWords(notice).headline;
    case 'ip-change':
      return `Your public ${notice.family === 'ipv4' ? 'IP' : 'IPv6'} address changed`;
    case 'degraded':
      return `${notice.target} works poorly`;
    case 'degraded-end':
      return `${notice.target} works normally again`;
    case 'paused':
      return 'Monitoring paused';
    case 'resumed':
      return 'Monitoring resumed';
  }
}

/** `zone` gives the time a pause ends. */
export function detail(notice: Notice, zone: Zone): string {
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
    case 'failover':
      return failoverWords(notice).detail;
    case 'ip-change':
      return `It is now ${notice.new}; it was ${notice.old} (as ${notice.provider} reports it).`;
    case 'degraded':
      return withFigures(`Still reachable, but not as it should be${reasonOf(notice.figures)}.`, notice.figures);
    case 'degraded-end':
      return withFigures(`It worked poorly for ${formatSeedDuration(notice.at - notice.since)}${reasonOf(notice.figures)}.`, notice.figures);
    case 'paused': {
      const until = notice.until === null ? 'someone resumes them' : wallClock(notice.until, notice.at * 1000, zone);
      return `Checks are paused until ${until}${notice.reason === null ? '' : ` (${notice.reason})`}: outages in the meantime are not reported.`;
    }
    case 'resumed':
      return 'Checks are running again.';
  }
}

/** What a notice is about, for a channel to filter on: the target, or the link now carrying traffic; null for the whole instance. */
export function subject(notice: Notice): string | null {
  switch (notice.kind) {
    case 'failover':
      return notice.active === null ? null : notice[notice.active].name;
    case 'ip-change':
    case 'paused':
    case 'resumed':
      return null;
    default:
      return notice.target;
  }
}

function reasonOf(figures: DegradedFigures): string {
  return figures.reason === '' ? '' : `: ${figures.reason}`;
}

/** The measured figures, those known, after the sentence that says what happened. */
function withFigures(sentence: string, figures: DegradedFigures): string {
  const parts: string[] = [];
  if (figures.lossPct !== null) parts.push(`${Math.round(figures.lossPct * 10) / 10} % of probes lost`);
  if (figures.medianRttMs !== null) {
    const usual = figures.baselineRttMs === null ? '' : ` (usually ${Math.round(figures.baselineRttMs)} ms)`;
    parts.push(`answers in ${Math.round(figures.medianRttMs)} ms${usual}`);
  }
  return parts.length ? `${sentence} Measured: ${parts.join(', ')}.` : sentence;
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

/** `14:02:11`, with the date when it was not the day of `refMs` (when the message is sent, or the notice happened). */
function wallClock(unixSeconds: number, refMs: number, zone: Zone): string {
  const t = DateTime.fromSeconds(unixSeconds, { zone });
  return t.toFormat(t.hasSame(DateTime.fromMillis(refMs, { zone }), 'day') ? 'HH:mm:ss' : 'yyyy-MM-dd HH:mm:ss');
}
