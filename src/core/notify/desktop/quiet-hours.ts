import { DateTime } from 'luxon';
import type { DesktopNotifyConfig } from '../../../shared/config-schema.js';
import type { Zone } from '../../time/zone.js';

export type QuietHours = NonNullable<DesktopNotifyConfig['quietHours']>;

const minuteOfDay = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * Whether `ms` is inside the quiet hours, from `from` (included) to `to` (excluded) on the
 * zone's wall clock, across midnight when `from` is the later time. `from` equal to `to` is a
 * period of no length: never quiet.
 */
export function inQuietHours(hours: QuietHours | null, ms: number, zone: Zone): boolean {
  if (hours === null) return false;
  const t = DateTime.fromMillis(ms, { zone });
  const now = t.hour * 60 + t.minute;
  const from = minuteOfDay(hours.from);
  const to = minuteOfDay(hours.to);
  return from <= to ? now >= from && now < to : now >= from || now < to;
}

/** The next time, after `ms`, that the zone's clock reads `to`: when the quiet hours around `ms` end. */
export function quietHoursEnd(hours: QuietHours, ms: number, zone: Zone): number {
  const now = DateTime.fromMillis(ms, { zone });
  const to = minuteOfDay(hours.to);
  const today = now.set({ hour: Math.floor(to / 60), minute: to % 60, second: 0, millisecond: 0 });
  return (today > now ? today : today.plus({ days: 1 })).toMillis();
}
