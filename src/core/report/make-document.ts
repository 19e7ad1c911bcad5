import type { Zone } from 'luxon';
import { analyse } from '../analysis/analysis.js';
import { slaOf, type SlaTerms } from '../analysis/sla.js';
import { clockSync, type ClockSync } from '../evidence/clock-sync.js';
import { digestData } from '../evidence/file-digest.js';
import { findTargets, selectTarget } from '../store/data-dir.js';
import { readSystemJournal } from '../store/system-journal.js';
import { loadTarget } from '../store/target-data.js';
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
}

/** A running daemon may append while a report reads: read again until the files hold still. */
const READ_ATTEMPTS = 5;

/**
 * The one report engine: the CLI (`nom report`), the daemon's HTTP API and the app's "Export
 * ISP report" all call this and render what it returns. The digest is taken before the records
 * are read and checked after, so it pins exactly the bytes the report was made from.
 */
export async function makeReportDocument(request: ReportRequest): Promise<{ report: Report; document: ReportDocument }> {
  let targets = findTargets(request.dataDir);
  if (request.target !== undefined) targets = [selectTarget(targets, request.target)];
  const folders = targets.map((t) => t.dir);
  let digest = digestData(request.dataDir, folders);
  let data = targets.map((t) => loadTarget(t.dir, t.name));
  for (let attempt = 1; attempt < READ_ATTEMPTS; attempt++) {
    const after = digestData(request.dataDir, folders);
    if (after.sha256 === digest.sha256) break;
    digest = after;
    data = targets.map((t) => loadTarget(t.dir, t.name));
  }
  const report = buildReport(data, request.range);
  const analysis = analyse(report, request.zone);
  const sla = request.sla ? new Map(report.targets.map((t) => [t.name, slaOf(t, report.range, request.zone, request.sla!)])) : null;
  const document = buildDocument({
    analysis,
    sla,
    clock: request.clock ?? (await clockSync()),
    digest,
    events: isOneTargetFolder(request.dataDir, folders) ? [] : readSystemJournal(request.dataDir),
    generatedAt: request.now,
  });
  return { report, document };
}

/** A network-outage-monitor folder given as --data is the target itself: it has no system journal. */
function isOneTargetFolder(dataDir: string, folders: string[]): boolean {
  return folders.length === 1 && folders[0] === dataDir;
}
