import { DateTime } from 'luxon';
import type { DesktopGroup } from '../../../shared/config-schema.js';
import { CAUSE_WORDS, humanDuration } from '../../report/document/words.js';
import type { Zone } from '../../time/zone.js';
import { detail, headline } from '../notice-text.js';
import type { Notice } from '../notifier.js';
import type { Outage } from './outage-book.js';
import type { Toast } from './toast.js';

/** The notices told as they come, in the channels' own words (notice-text.ts). */
export type NewsNotice = Extract<Notice, { kind: 'degraded' | 'degraded-end' | 'failover' | 'ip-change' }>;

const DOWN_TITLE = { local: 'Home network down', isp: 'Internet down', unknown: 'Connection down' } as const;

/** "router (192.0.2.1)", or the name alone when it is the address. */
const who = (o: Outage): string => (o.address === o.target ? o.target : `${o.target} (${o.address})`);
const causeSentence = (o: Outage): string => (o.cause === null ? '' : ` Cause: ${CAUSE_WORDS[o.cause]}.`);
const lasted = (o: Outage, now: number): number => (o.end ?? now) - o.start;

/** `14:02`, with the date when it was not today. */
function clockTime(unixSeconds: number, now: number, zone: Zone): string {
  const t = DateTime.fromSeconds(unixSeconds, { zone });
  return t.toFormat(t.hasSame(DateTime.fromSeconds(now, { zone }), 'day') ? 'HH:mm:ss' : 'yyyy-MM-dd HH:mm:ss');
}

export function downToast(o: Outage, now: number, zone: Zone): Toast {
  const title = o.cause === 'target' ? `${o.target} is down` : DOWN_TITLE[o.cause ?? 'unknown'];
  return { kind: 'outage', title, body: `${who(o)} has not answered since ${clockTime(o.start, now, zone)}.${causeSentence(o)}` };
}

export function restoredToast(o: Outage, now: number): Toast {
  return { kind: 'restored', title: 'Connection restored', body: `${who(o)} answers again after ${humanDuration(lasted(o, now))} down.${causeSentence(o)}` };
}

/** A flapping link's outages, oldest first, in one toast: "router: 3 outages in 2 minutes, 14 seconds down in all; up now." */
export function burstToast(outages: readonly Outage[], stillDown: boolean, now: number): Toast {
  const first = outages[0];
  const last = outages.at(-1);
  if (!first || !last) throw new Error('a burst of no outages');
  const span = (last.end ?? now) - first.start;
  return {
    kind: 'burst',
    title: 'Connection unstable',
    body: `${first.target}: ${outages.length} outages in ${humanDuration(span)}, ${humanDuration(totalDown(outages, now))} down in all; ${stillDown ? 'still down' : 'up now'}.`,
  };
}

export function newsToast(notice: NewsNotice, zone: Zone): Toast {
  const kind: DesktopGroup = notice.kind === 'degraded-end' ? 'degraded' : notice.kind;
  return { kind, title: headline(notice), body: detail(notice, zone) };
}

/** What the quiet hours held, as the groups still chosen let it be told. */
export interface QuietRecord {
  /** Each target's outages that began or ended while quiet, and whether it is down now. */
  outages: ReadonlyArray<{ target: string; outages: readonly Outage[]; stillDown: boolean }>;
  news: readonly NewsNotice[];
}

/** "While quiet: 2 outages of router, 40 seconds down; now up; Your public IP address changed: now 203.0.113.9." Null when nothing is to be told. */
export function quietToast(record: QuietRecord, now: number): Toast | null {
  const parts = record.outages.map(({ target, outages, stillDown }) => `${count(outages.length, 'outage')} of ${target}, ${humanDuration(totalDown(outages, now))} down; now ${stillDown ? 'down' : 'up'}`);
  const poorly = new Map<string, number>();
  for (const n of record.news) if (n.kind === 'degraded') poorly.set(n.target, (poorly.get(n.target) ?? 0) + 1);
  for (const [target, times] of poorly) parts.push(`${target} worked poorly ${times === 1 ? 'once' : `${times} times`}`);
  const failovers = record.news.filter((n) => n.kind === 'failover');
  const lastFailover = failovers.at(-1);
  if (lastFailover) parts.push(`${count(failovers.length, 'internet link change')}, the last: ${headline(lastFailover)}`);
  const lastIp = record.news.findLast((n) => n.kind === 'ip-change');
  if (lastIp) parts.push(`the public address changed, now ${lastIp.new}`);
  if (parts.length === 0) return null;
  return { kind: 'quiet-hours', title: 'Quiet hours are over', body: `While quiet: ${parts.join('; ')}.` };
}

function totalDown(outages: readonly Outage[], now: number): number {
  return outages.reduce((sum, o) => sum + lasted(o, now), 0);
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
