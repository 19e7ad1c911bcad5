import type { Zone } from 'luxon';
import type { OutageCause } from '../../shared/events.js';
import type { Outage } from '../accounting/outages.js';
import { overlap, type TimeRange } from '../accounting/time-range.js';
import type { ReportedOutage, Report, TargetReport } from '../report/report-model.js';
import { Status } from '../store/transition-record.js';
import { LocalCalendar } from './calendar.js';

export interface CauseTally {
  count: number;
  seconds: number;
}

export interface DayTotals {
  date: string;
  uptime: number;
  /** Internet downtime: outages where the target alone was silent are in `targetOnly`. */
  downtime: number;
  targetOnly: number;
  unmonitored: number;
}

/** What a report says about one target, every figure within the range and in seconds. */
export interface TargetAnalysis {
  name: string;
  address: string | null;
  /** Whether the transition log holds any record at all: a target watched by the ping monitor alone has none. */
  recorded: boolean;
  /** The last record's time, where an open outage's observed part ends (see observedEnd); null without records. */
  lastRecord: number | null;
  uptime: number;
  /** All DOWN time, as the transition log has it. */
  downtime: number;
  unmonitored: number;
  /** Of the downtime, the outages with cause `target`: DNS answered, so the internet worked. */
  targetOnly: number;
  internetDowntime: number;
  /** Internet availability: (uptime + targetOnly) / monitored time; null when nothing was monitored. */
  availability: number | null;
  /** Outages of the internet (every cause but `target`). */
  outages: ReportedOutage[];
  /** Outages where DNS showed the internet working: the watched address alone was silent. */
  targetOnlyOutages: ReportedOutage[];
  longest: { outage: ReportedOutage; seconds: number } | null;
  /** Mean time to repair: the mean clipped length of internet outages that ended. */
  mttr: number | null;
  /** Mean time between failures: internet-up time per internet outage. */
  mtbf: number | null;
  byCause: Record<OutageCause, CauseTally>;
  /** Internet downtime per local hour of day (0–23) and weekday (0 = Monday), with outage starts. */
  byHour: { seconds: number[]; starts: number[] };
  byWeekday: { seconds: number[]; starts: number[] };
  daily: DayTotals[];
}

export interface Analysis {
  range: TimeRange;
  zone: Zone;
  /** The range's local days and hours, for everything else that counts by them (SLA, latency, times in words). */
  calendar: LocalCalendar;
  targets: TargetAnalysis[];
}

const CAUSES: readonly OutageCause[] = ['local', 'isp', 'target', 'unknown'];

export function analyse(report: Report, zone: Zone): Analysis {
  const calendar = new LocalCalendar(zone, report.range);
  return { range: report.range, zone, calendar, targets: report.targets.map((t) => analyseTarget(t, calendar)) };
}

/**
 * Where an outage's observed part ends. An open one lasts as far as the records go, the totals'
 * rule too: to the last record, which is its own DOWN, or now when the asking process runs the
 * target's session (extendOpenSession adds that record). Past it nothing was observed.
 */
export function observedEnd(outage: Outage, lastRecord: number | null): number {
  return outage.end ?? lastRecord ?? outage.start;
}

/** An outage's observed length within the range. */
export function clippedSeconds(outage: Outage, range: TimeRange, lastRecord: number | null): number {
  return overlap(outage.start, observedEnd(outage, lastRecord), range);
}

function analyseTarget(target: TargetReport, calendar: LocalCalendar): TargetAnalysis {
  const { range } = calendar;
  const { uptime, downtime, unmonitored } = target.totals;
  const lastRecord = target.series.times.at(-1) ?? null;
  const byCause = Object.fromEntries(CAUSES.map((c) => [c, { count: 0, seconds: 0 }])) as Record<OutageCause, CauseTally>;
  const hour = { seconds: new Array<number>(24).fill(0), starts: new Array<number>(24).fill(0) };
  const weekday = { seconds: new Array<number>(7).fill(0), starts: new Array<number>(7).fill(0) };
  const addDown = (h: number, day: number, from: number, to: number) => {
    hour.seconds[h]! += to - from;
    weekday.seconds[day - 1]! += to - from;
  };
  const internet: ReportedOutage[] = [];
  const targetOnlyOutages: ReportedOutage[] = [];
  let longest: TargetAnalysis['longest'] = null;
  let repaired = 0;
  let repairSeconds = 0;

  for (const outage of target.outages) {
    const seconds = clippedSeconds(outage, range, lastRecord);
    byCause[outage.cause].count++;
    byCause[outage.cause].seconds += seconds;
    if (outage.cause === 'target') {
      targetOnlyOutages.push(outage);
      continue;
    }
    internet.push(outage);
    if (longest === null || seconds > longest.seconds) longest = { outage, seconds };
    if (outage.end !== null) {
      repaired++;
      repairSeconds += seconds;
    }
    if (outage.start >= range.from) {
      hour.starts[calendar.hourAt(outage.start)]!++;
      weekday.starts[calendar.weekdayAt(outage.start) - 1]!++;
    }
    calendar.eachHour(outage.start, observedEnd(outage, lastRecord), addDown);
  }

  const targetOnly = byCause.target.seconds;
  const internetDowntime = downtime - targetOnly;
  const monitored = uptime + downtime;
  return {
    name: target.name,
    address: target.address,
    recorded: lastRecord !== null,
    lastRecord,
    uptime,
    downtime,
    unmonitored,
    targetOnly,
    internetDowntime,
    availability: monitored === 0 ? null : (uptime + targetOnly) / monitored,
    outages: internet,
    targetOnlyOutages,
    longest,
    mttr: repaired === 0 ? null : repairSeconds / repaired,
    mtbf: internet.length === 0 ? null : (uptime + targetOnly) / internet.length,
    byCause,
    byHour: hour,
    byWeekday: weekday,
    daily: dailyTotals(target, calendar),
  };
}

/** Per local day: the transition log's spans cut at midnight, target-only outages set apart. */
function dailyTotals(target: TargetReport, calendar: LocalCalendar): DayTotals[] {
  const { range } = calendar;
  const days = calendar.days.map((d): DayTotals => ({ date: d.date, uptime: 0, downtime: 0, targetOnly: 0, unmonitored: 0 }));
  const addUp = (day: number, from: number, to: number) => {
    days[day]!.uptime += to - from;
  };
  const addDown = (day: number, from: number, to: number) => {
    days[day]!.downtime += to - from;
  };
  // Target-only outages were recorded as DOWN; the internet worked, so move them apart.
  const moveApart = (day: number, from: number, to: number) => {
    days[day]!.downtime -= to - from;
    days[day]!.targetOnly += to - from;
  };
  const { times, statuses } = target.series;
  for (let i = 0; i + 1 < times.length; i++) {
    if (statuses[i] === Status.UP) calendar.eachDay(times[i]!, times[i + 1]!, addUp);
    else if (statuses[i] === Status.DOWN) calendar.eachDay(times[i]!, times[i + 1]!, addDown);
  }
  const lastRecord = times.at(-1) ?? null;
  for (const outage of target.outages) {
    if (outage.cause === 'target') calendar.eachDay(outage.start, observedEnd(outage, lastRecord), moveApart);
  }
  calendar.days.forEach((d, i) => {
    const day = days[i]!;
    day.unmonitored = Math.max(0, overlap(d.start, d.end, range) - day.uptime - day.downtime - day.targetOnly);
  });
  return days;
}
