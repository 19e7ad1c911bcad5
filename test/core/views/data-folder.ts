import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { JournalWriter, type JournalEntry } from '../../../src/core/store/journal.js';
import { logFileName } from '../../../src/core/store/transition-log-writer.js';
import type { Status } from '../../../src/core/store/transition-record.js';
import { v2Bytes } from '../../support/records.js';
import { tempDir } from '../../support/tmp.js';

/** Unix seconds of an ISO 8601 time. */
export const at = (iso: string): number => Date.parse(iso) / 1000;

export interface TargetRecords {
  records: Array<[number, Status]>;
  journal?: JournalEntry[];
}

/** A data folder as the daemon leaves it: one folder per target, its transition log and its journal. */
export function dataFolder(targets: Record<string, TargetRecords>): string {
  const dataDir = tempDir('nom-views-');
  for (const [name, { records, journal = [] }] of Object.entries(targets)) {
    const dir = join(dataDir, name);
    mkdirSync(dir);
    writeFileSync(join(dir, 'target.json'), JSON.stringify({ name, address: '192.0.2.10' }));
    if (records.length > 0) writeFileSync(join(dir, logFileName(records[0]![0])), v2Bytes(records));
    const writer = new JournalWriter(dir);
    for (const entry of journal) writer.append(entry, entry.type === 'degraded-end' || entry.type === 'outage-end' ? entry.end : entry.start);
  }
  return dataDir;
}

export type OutageStartEntry = Extract<JournalEntry, { type: 'outage-start' }>;

/** The journal's entry for an outage's start, with evidence enough to tell one from another. */
export function outageStart(target: string, start: number, cause: OutageStartEntry['cause']): OutageStartEntry {
  return {
    type: 'outage-start',
    target,
    start,
    cause,
    evidence: { first_failure: { ok: false, reason: 'timeout' }, gateway: { address: '192.0.2.1', result: { ok: true, rtt_ms: 0.5 } }, dns: null, addping: [] },
  };
}

export function degraded(target: string, start: number, end: number | null, lossPct: number): JournalEntry {
  const figures = { loss_pct: lossPct, median_rtt_ms: 40, baseline_rtt_ms: 12, reason: `loss ${lossPct} % (threshold 5 %)` };
  return end === null ? { type: 'degraded', target, start, ...figures } : { type: 'degraded-end', target, start, end, ...figures };
}
