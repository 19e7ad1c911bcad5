import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { JournalWriter, type JournalEntry } from '../../../src/core/store/journal.js';
import { logFileName } from '../../../src/core/store/transition-log-writer.js';
import { Status } from '../../../src/core/store/transition-record.js';
import { v2Bytes } from '../../support/records.js';
import { tempDir } from '../../support/tmp.js';

/** Six hours of 10 October 2025 (UTC), the report made at their end by the monitor that runs `wan`. */
export const T = Date.UTC(2025, 9, 10) / 1000;
export const RANGE = { from: T, to: T + 6 * 3600 };
export const NOW = RANGE.to;
const HOUR = 3600;

/** Records as the daemon writes them: one outage, and a pause of half an hour two hours in. */
const RECORDS: Array<[number, Status]> = [
  [T - HOUR, Status.STARTED],
  [T - HOUR, Status.UP],
  [T + HOUR, Status.DOWN],
  [T + HOUR + 600, Status.UP],
  [T + 2 * HOUR, Status.STOPPED],
  [T + 2 * HOUR + 1800, Status.STARTED],
  [T + 2 * HOUR + 1800, Status.UP],
];

const OUTAGE: JournalEntry[] = [
  {
    type: 'outage-start',
    target: 'wan',
    start: T + HOUR,
    cause: 'isp',
    evidence: { first_failure: { ok: false, reason: 'timeout' }, gateway: { address: '192.0.2.1', result: { ok: true, rtt_ms: 0.5 } }, dns: null, addping: [] },
  },
];

const PAUSE: JournalEntry = { type: 'unmonitored', target: 'wan', start: T + 2 * HOUR, until: null, reason: 'paused', detail: 'paused from the tray' };

/** Loss over the threshold from a quarter of an hour before the range; its end carries the worst seen. */
const LOSSY = { loss_pct: 20, median_rtt_ms: 30, baseline_rtt_ms: 12, reason: 'loss 20 % (threshold 5 %)' };
const LOSSY_WORST = { loss_pct: 35, median_rtt_ms: 48, baseline_rtt_ms: 12, reason: 'loss 35 % (threshold 5 %)' };
/** Slow answers from five hours in, still so when the report is made. */
const SLOW = { loss_pct: 0, median_rtt_ms: 180, baseline_rtt_ms: 12, reason: 'round trip 180 ms (threshold 3 × usual 12 ms)' };

const DEGRADED: JournalEntry[] = [
  { type: 'degraded', target: 'wan', start: T - 900, ...LOSSY },
  { type: 'degraded-end', target: 'wan', start: T - 900, end: T + 1200, ...LOSSY_WORST },
  { type: 'degraded', target: 'wan', start: T + 5 * HOUR, ...SLOW },
];

/** The same target's folder, with its two degraded periods or without them. */
export function wanFolder(withDegraded: boolean): string {
  const root = tempDir('nom-degraded-');
  const dir = join(root, 'wan');
  mkdirSync(dir);
  writeFileSync(join(dir, 'target.json'), JSON.stringify({ name: 'wan', address: '203.0.113.10' }));
  writeFileSync(join(dir, logFileName(RECORDS[0]![0])), v2Bytes(RECORDS));
  const journal = new JournalWriter(dir);
  for (const entry of [...OUTAGE, PAUSE, ...(withDegraded ? DEGRADED : [])]) journal.append(entry, entry.start);
  return root;
}
