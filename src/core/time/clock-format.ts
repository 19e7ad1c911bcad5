import type { Zone } from 'luxon';
import { zoneOffset, type UtcOffsets } from './zone-offsets.js';

const TWO_DIGITS = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'));

/**
 * Formats unix seconds as wall-clock time in a zone: `YYYY-MM-DD HH:MM:SS`, the way Python's
 * `datetime.fromtimestamp(t).strftime('%Y-%m-%d %H:%M:%S')` prints it, or ISO 8601 with the
 * offset. Made for a million records: the offsets come from a table or a per-hour cache, never
 * from luxon per record, and the date text is made once per day.
 */
export class ClockFormatter {
  private readonly offsets: UtcOffsets;
  private day = Number.NaN;
  private dayText = '';

  /** A zone, or its offsets when a table of them is at hand (OffsetTable). */
  constructor(zone: Zone | UtcOffsets) {
    this.offsets = 'at' in zone ? zone : new HourlyOffsets(zone);
  }

  format(unixSeconds: number): string {
    return this.wallClock(unixSeconds, this.offsets.at(unixSeconds), ' ');
  }

  /** `HH:MM:SS` alone. */
  time(unixSeconds: number): string {
    return this.clockText(unixSeconds + this.offsets.at(unixSeconds));
  }

  iso(unixSeconds: number): string {
    const offset = this.offsets.at(unixSeconds);
    const abs = Math.abs(offset);
    const sign = offset < 0 ? '-' : '+';
    return `${this.wallClock(unixSeconds, offset, 'T')}${sign}${TWO_DIGITS[Math.floor(abs / 3600)]}:${TWO_DIGITS[Math.floor((abs % 3600) / 60)]}`;
  }

  private wallClock(unixSeconds: number, offset: number, separator: string): string {
    const local = unixSeconds + offset;
    const day = Math.floor(local / 86_400);
    if (day !== this.day) {
      this.day = day;
      this.dayText = new Date(day * 86_400_000).toISOString().slice(0, 10);
    }
    return `${this.dayText}${separator}${this.clockText(local)}`;
  }

  private clockText(local: number): string {
    const secondOfDay = local - Math.floor(local / 86_400) * 86_400;
    const h = Math.floor(secondOfDay / 3600);
    const m = Math.floor((secondOfDay % 3600) / 60);
    return `${TWO_DIGITS[h]}:${TWO_DIGITS[m]}:${TWO_DIGITS[secondOfDay % 60]}`;
  }
}

/**
 * Offsets for records read in time order: looked up once per hour, and checked again at the
 * hour's end, so an hour holding a DST change is looked up record by record.
 */
class HourlyOffsets implements UtcOffsets {
  private hour = Number.NaN;
  private hourOffset: number | null = null;

  constructor(private readonly zone: Zone) {}

  at(unixSeconds: number): number {
    const hour = Math.floor(unixSeconds / 3600);
    if (hour !== this.hour) {
      this.hour = hour;
      const atStart = zoneOffset(this.zone, hour * 3600);
      this.hourOffset = atStart === zoneOffset(this.zone, hour * 3600 + 3599) ? atStart : null;
    }
    return this.hourOffset ?? zoneOffset(this.zone, unixSeconds);
  }
}

/** ISO 8601 in UTC with `Z`, to the second: the JSON report's time format. */
export function isoUtc(unixSeconds: number): string {
  return new Date(unixSeconds * 1000).toISOString().replace('.000Z', 'Z');
}
