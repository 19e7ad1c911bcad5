/** The unit a chart's axis counts time in: the one that keeps its numbers between about 1 and 100. */
export interface DurationUnit {
  seconds: number;
  /** For the axis title: `Downtime (minutes)`. */
  name: string;
}

const MINUTES: DurationUnit = { seconds: 60, name: 'minutes' };
const HOURS: DurationUnit = { seconds: 3600, name: 'hours' };

/** Hours once the tallest bar reaches two hours, minutes below that. */
export function durationUnit(largestSeconds: number): DurationUnit {
  return largestSeconds >= 2 * 3600 ? HOURS : MINUTES;
}

/** Seconds in the unit, rounded so the SVG carries no more digits than a reader can see. */
export function inUnit(seconds: number, unit: DurationUnit): number {
  return Math.round((seconds / unit.seconds) * 1000) / 1000;
}
