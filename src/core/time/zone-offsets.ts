import type { Zone } from 'luxon';

/** Where a zone's wall-clock time stands against UTC. */
export interface UtcOffsets {
  /** Seconds to add to UTC to get the zone's wall-clock time at this instant. */
  at(unixSeconds: number): number;
}

/** Seconds to add to UTC to get the zone's wall-clock time, asked of luxon (and so of Intl: some microseconds). */
export function zoneOffset(zone: Zone, unixSeconds: number): number {
  return zone.offset(unixSeconds * 1000) * 60;
}

/**
 * No zone changes its offset twice within this many seconds (tzdb's changes since 1970 lie
 * weeks apart at the least), so offsets sampled this far apart miss no change.
 */
const STEP = 6 * 3600;

/**
 * A zone's offsets over a span, found once and then looked up by binary search. luxon asks
 * Intl for every offset, about 6 µs each: for a year of records, asked per record and per hour
 * of every outage, that was most of a report's time. The offset is sampled every STEP seconds;
 * where two samples differ, the change is found to the second by bisection, so an instant's
 * offset here is exactly luxon's. Outside the span it is asked of luxon.
 */
export class OffsetTable implements UtcOffsets {
  /** Where each offset begins, ascending: `values[i]` holds from `starts[i]` to `starts[i + 1]`. */
  private readonly starts: number[];
  private readonly values: number[];

  constructor(
    readonly zone: Zone,
    readonly from: number,
    readonly to: number,
  ) {
    let offset = zoneOffset(zone, from);
    this.starts = [from];
    this.values = [offset];
    if (zone.isUniversal) return;
    for (let t = from; t < to; t += STEP) {
      const next = Math.min(to, t + STEP);
      const after = zoneOffset(zone, next);
      if (after === offset) continue;
      this.starts.push(firstWith(zone, t, next, after));
      this.values.push(after);
      offset = after;
    }
  }

  at(unixSeconds: number): number {
    if (unixSeconds < this.from || unixSeconds >= this.to) return zoneOffset(this.zone, unixSeconds);
    return this.values[this.indexAt(unixSeconds)]!;
  }

  /** The first instant after `unixSeconds` (within the span) at which the offset changes, or the span's end. */
  nextChange(unixSeconds: number): number {
    return this.starts[this.indexAt(unixSeconds) + 1] ?? this.to;
  }

  private indexAt(unixSeconds: number): number {
    const { starts } = this;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= unixSeconds) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
}

/** The first second in (before, after] whose offset is `offset`, the one `after` has: the change lies between. */
function firstWith(zone: Zone, before: number, after: number, offset: number): number {
  let lo = before;
  let hi = after;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (zoneOffset(zone, mid) === offset) hi = mid;
    else lo = mid;
  }
  return hi;
}
