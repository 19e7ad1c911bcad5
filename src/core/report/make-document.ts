import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Zone } from 'luxon';
import { extendOpenSession } from '../accounting/live-tail.js';
import { analyse } from '../analysis/analysis.js';
import { latencyOf } from '../analysis/latency.js';
import { slaOf, type SlaTerms } from '../analysis/sla.js';
import { clockSync, type ClockSync } from '../evidence/clock-sync.js';
import { dataFingerprint, digestData } from '../evidence/file-digest.js';
import { findTargets, selectTarget, type TargetDir } from '../store/data-dir.js';
import type { SampleSeries } from '../store/samples-file.js';
import { readSamples, type SampleRange } from '../store/samples-reader.js';
import { readSystemJournal, SYSTEM_JOURNAL_DIR } from '../store/system-journal.js';
import { loadTarget, type TargetData } from '../store/target-data.js';
import { buildDocument } from './document/build-document.js';
import type { ReportDocument } from './document/report-document.js';
import { buildReport, type Report, type RequestedRange } from './report-model.js';

export interface ReportRequest {
  dataDir: string;
  target?: string | undefined;
  range: RequestedRange;
  zone: Zone;
  sla?: SlaTerms | undefined;
  /** Unix seconds; the report says when it was made. */
  now: number;
  /** The clock's sync state as the report states it; asked of the system when not given. */
  clock?: ClockSync | undefined;
  /** Targets whose session the asking process runs at `now`; see extendOpenSession. */
  live?: readonly string[] | undefined;
}

/** A running daemon may append while a report reads: read again until the files hold still. */
const READ_ATTEMPTS = 5;

/** A sample stands for the minute that begins at its time. */
const MINUTE = 60;

interface Loaded {
  data: TargetData;
  samples: SampleSeries;
}

/**
 * The one report engine: the CLI (`nom report`), the daemon's HTTP API and the app's "Export
 * ISP report" all call this and render what it returns. The files are hashed and read between two
 * looks at their sizes and times that agree, so the digest pins exactly the bytes the report
 * was made from.
 */
export async function makeReportDocument(request: ReportRequest): Promise<{ report: Report; document: ReportDocument }> {
  let targets = findTargets(request.dataDir);
  if (request.target !== undefined) targets = [selectTarget(targets, request.target)];
  const folders = targets.map((t) => t.dir);
  const withEvents = !isOneTargetFolder(request.dataDir, folders);
  // The address changes and failovers the report lists are pinned by the digest as well.
  const eventsDir = join(request.dataDir, SYSTEM_JOURNAL_DIR);
  const digested = withEvents && existsSync(eventsDir) ? [...folders, eventsDir] : folders;
  const samplesIn = { from: request.range.from ?? 0, to: request.range.to ?? Infinity };
  let before = dataFingerprint(digested);
  let digest = digestData(request.dataDir, digested);
  const live = { names: new Set(request.live), until: request.now };
  let loaded = load(targets, samplesIn, live);
  for (let attempt = 1; attempt < READ_ATTEMPTS; attempt++) {
    const after = dataFingerprint(digested);
    if (after === before) break;
    before = after;
    digest = digestData(request.dataDir, digested);
    loaded = load(targets, samplesIn, live);
  }
  const report = buildReport(loaded.map((l) => l.data), rangeOf(request.range, loaded));
  const analysis = analyse(report, request.zone);
  const terms = request.sla;
  const document = buildDocument({
    analysis,
    sla: terms ? new Map(report.targets.map((t) => [t.name, slaOf(t, analysis.calendar, terms)])) : null,
    clock: request.clock ?? (await clockSync()),
    digest,
    events: withEvents ? readSystemJournal(request.dataDir) : [],
    latency: new Map(loaded.map((l) => [l.data.name, latencyOf(l.samples, analysis.calendar)])),
    degraded: new Map(report.targets.map((t) => [t.name, t.degraded])),
    paused: new Map(report.targets.map((t) => [t.name, t.pausedSeconds])),
    generatedAt: request.now,
    live: report.range.to < live.until ? [] : loaded.filter((l) => live.names.has(l.data.name) && l.data.series.times.at(-1) === live.until).map((l) => l.data.name),
  });
  return { report, document };
}

function load(targets: TargetDir[], samplesIn: SampleRange, live: LiveSessions): Loaded[] {
  return targets.map((t) => ({ data: loadLiveTarget(t, live), samples: readSamples(t.dir, samplesIn) }));
}

export interface LiveSessions {
  names: ReadonlySet<string>;
  until: number;
}

/** A target's records, its open session carried to `until` when the asking process runs it. */
export function loadLiveTarget(target: TargetDir, live: LiveSessions): TargetData {
  const data = loadTarget(target.dir, target.name);
  return live.names.has(target.name) ? { ...data, series: extendOpenSession(data.series, live.until) } : data;
}

/**
 * With no range asked for, a report covers the first to the last transition record. Targets
 * watched by the ping monitor alone have none: when no target has one, the samples bound the
 * report instead, from the first minute to the end of the last.
 */
function rangeOf(requested: RequestedRange, loaded: Loaded[]): RequestedRange {
  if (loaded.some((l) => l.data.series.times.length > 0)) return requested;
  const sampled = loaded.map((l) => l.samples.at).filter((at) => at.length > 0);
  if (sampled.length === 0) return requested;
  return {
    from: requested.from ?? Math.min(...sampled.map((at) => at[0]!)),
    to: requested.to ?? Math.max(...sampled.map((at) => at[at.length - 1]! + MINUTE)),
  };
}

/** A network-outage-monitor folder given as --data is the target itself: it has no system journal. */
function isOneTargetFolder(dataDir: string, folders: string[]): boolean {
  return folders.length === 1 && folders[0] === dataDir;
}
