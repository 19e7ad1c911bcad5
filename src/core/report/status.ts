import { outagesOf } from '../accounting/outages.js';
import { ALIVE_WITHIN_S, lastHeartbeat } from '../store/heartbeat.js';
import { samplesFileSpan } from '../store/samples-file.js';
import { listSampleFiles, readSamples, sampleAt } from '../store/samples-reader.js';
import type { Sample } from '../store/samples-record.js';
import type { TargetData } from '../store/target-data.js';
import { STATUS_NAMES, Status } from '../store/transition-record.js';
import { formatSeedDuration } from '../time/duration.js';


export interface TargetStatus {
  name: string;
  address: string | null;
  /** The last record: UP, DOWN, STARTED or STOPPED. */
  last: { status: string; at: number } | null;
  running: boolean;
  lastOutage: { start: number; end: number | null } | null;
  /** The ping monitor's last minute, when it watches the target. */
  lastSample: Sample | null;
}

export function targetStatus(dir: string, data: TargetData, nowSeconds: number): TargetStatus {
  const n = data.series.times.length;
  const beat = lastHeartbeat(dir);
  const outages = outagesOf(data.series);
  const lastOutage = outages.at(-1);
  return {
    name: data.name,
    address: data.address,
    last: n === 0 ? null : { status: STATUS_NAMES[data.series.statuses[n - 1]!]!, at: data.series.times[n - 1]! },
    running: beat !== null && nowSeconds - beat <= ALIVE_WITHIN_S && data.series.statuses[n - 1] !== Status.STOPPED,
    lastOutage: lastOutage ? { start: lastOutage.start, end: lastOutage.end } : null,
    lastSample: lastSample(dir),
  };
}

export function statusLine(s: TargetStatus, nowSeconds: number, format: (t: number) => string): string {
  const who = s.address ? `${s.name} (${s.address})` : s.name;
  const ping = s.lastSample ? sampleWords(s.lastSample, nowSeconds, format) : '';
  if (!s.last) return s.lastSample ? `${who}: ping samples only; ${ping}` : `${who}: no records`;
  const since = `since ${format(s.last.at)} (${formatSeedDuration(Math.max(0, nowSeconds - s.last.at))})`;
  const state = s.running ? `${s.last.status} ${since}` : `not monitored: last record ${s.last.status} at ${format(s.last.at)}`;
  const outage = s.lastOutage
    ? s.lastOutage.end === null
      ? `; down since ${format(s.lastOutage.start)}`
      : `; last outage ${format(s.lastOutage.start)}, lasted ${formatSeedDuration(s.lastOutage.end - s.lastOutage.start)}`
    : '; no outage recorded';
  return `${who}: ${state}${outage}${ping ? `; ${ping}` : ''}`;
}

/** `last ping minute 2025-10-14 02:01:00 (3m 2s ago): 12.3 ms average, 10 % lost` */
function sampleWords(sample: Sample, nowSeconds: number, format: (t: number) => string): string {
  const age = formatSeedDuration(Math.max(0, nowSeconds - sample.at));
  const lost = Math.round(((sample.sent - sample.received) / sample.sent) * 100);
  const answers = sample.avgMs === null ? 'no reply' : `${sample.avgMs.toFixed(1)} ms average, ${lost} % lost`;
  return `last ping minute ${format(sample.at)} (${age} ago): ${answers}`;
}

/** The newest sample, read from the newest month that holds one: a month is at most 1 MB. */
function lastSample(dir: string): Sample | null {
  const files = listSampleFiles(dir);
  for (let i = files.length - 1; i >= 0; i--) {
    const series = readSamples(dir, samplesFileSpan(files[i]!)!);
    if (series.at.length > 0) return sampleAt(series, series.at.length - 1);
  }
  return null;
}
