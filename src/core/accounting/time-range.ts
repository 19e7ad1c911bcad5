/** A half-open span of unix seconds, [from, to). */
export interface TimeRange {
  from: number;
  to: number;
}

export function overlap(start: number, end: number, range: TimeRange): number {
  return Math.max(0, Math.min(end, range.to) - Math.max(start, range.from));
}
