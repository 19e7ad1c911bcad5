import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { journalFileName, type JournalEntry } from '../../src/core/store/journal.js';
import { samplesFileName } from '../../src/core/store/samples-file.js';
import { NO_VALUE, SAMPLE_SIZE } from '../../src/core/store/samples-record.js';
import { systemJournalWriter } from '../../src/core/store/system-journal.js';
import { Status, encodeV2 } from '../../src/core/store/transition-record.js';
import type { OutageCause } from '../../src/shared/events.js';

export interface YearOfDataOptions {
  /** Target folders to write (default 3). */
  targets?: number;
  /** Outages in all, shared out evenly between the targets (default 10,000). */
  outages?: number;
  /** The calendar year, in UTC (default 2025). */
  year?: number;
  /** The pseudo-random sequence: the same seed writes the same bytes. */
  seed?: number;
  /** Whether each target also gets the ping monitor's per-minute samples of the whole year (default true). */
  samples?: boolean;
}

export interface YearOfData {
  /** The whole year, `from` inclusive and `to` exclusive, in unix seconds. */
  range: { from: number; to: number };
  targets: string[];
  /** Outages written per target, in the order of `targets`. */
  outages: number[];
}

const CAUSES: readonly OutageCause[] = ['isp', 'isp', 'isp', 'local', 'unknown', 'target'];
/** The monitor is stopped for a few hours every this many days: a year of data is never all monitored. */
const STOP_EVERY_DAYS = 30;
const STOP_SECONDS = 3 * 3600;

/** Echo requests a minute: the ping monitor's default, 5 every 10 s. */
const SENT_PER_MINUTE = 30;

/**
 * A data folder as a year of the daemon leaves it: for each target a transition log per month,
 * a journal in which every outage has its cause, evidence and probe bounds, so that every row
 * of a report is full, and the ping monitor's samples of every minute. Outages last from seconds
 * to a couple of hours, and the monitor is stopped now and then. The system journal holds a few
 * address changes and failovers. Written with one write per file, not the daemon's fsync per
 * record, so a benchmark's set-up takes seconds.
 */
export function writeYearOfData(dir: string, options: YearOfDataOptions = {}): YearOfData {
  const year = options.year ?? 2025;
  const targets = Array.from({ length: options.targets ?? 3 }, (_, i) => `target-${i + 1}`);
  const total = options.outages ?? 10_000;
  const range = { from: Date.UTC(year, 0, 1) / 1000, to: Date.UTC(year + 1, 0, 1) / 1000 };
  let seed = options.seed ?? 7;
  const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  const outages = targets.map((name, i) => {
    const count = Math.floor(total / targets.length) + (i < total % targets.length ? 1 : 0);
    const spans = writeTarget(join(dir, name), name, `192.0.2.${i + 1}`, count, range, random);
    if (options.samples ?? true) writeSamples(join(dir, name), range, spans);
    return count;
  });
  writeSystemEvents(dir, range);
  return { range, targets, outages };
}

/** Writes the target's logs and journal; returns its outages, `[down, up]`, in time order. */
function writeTarget(dir: string, name: string, address: string, count: number, range: { from: number; to: number }, random: () => number): Array<[number, number]> {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'target.json'), JSON.stringify({ name, address }));
  const records: Array<[number, Status]> = [
    [range.from, Status.STARTED],
    [range.from, Status.UP],
  ];
  const journal: Array<[number, JournalEntry]> = [];
  const outages: Array<[number, number]> = [];
  const slot = Math.floor((range.to - range.from - 3600) / count);
  let nextStop = range.from + STOP_EVERY_DAYS * 86_400;
  for (let i = 0; i < count; i++) {
    const slotStart = range.from + 60 + i * slot;
    if (slotStart > nextStop) {
      const stop = Math.max(nextStop, records.at(-1)![0] + 1);
      records.push([stop, Status.STOPPED], [stop + STOP_SECONDS, Status.STARTED], [stop + STOP_SECONDS, Status.UP]);
      nextStop += STOP_EVERY_DAYS * 86_400;
    }
    const earliest = Math.max(slotStart, records.at(-1)![0] + 1);
    // Mostly short outages, a few long ones: the lengths a flaky line really has.
    const seconds = Math.min(slot - 30, 5 + Math.floor(random() ** 3 * 7200));
    const down = earliest + Math.floor(random() * Math.max(1, slotStart + slot - seconds - 10 - earliest));
    const up = down + seconds;
    const cause = CAUSES[Math.floor(random() * CAUSES.length)]!;
    records.push([down, Status.DOWN], [up, Status.UP]);
    outages.push([down, up]);
    journal.push([down, startEntry(name, down, cause)], [up, endEntry(name, down, up)]);
  }
  records.push([range.to - 1, Status.STOPPED]);
  if (records.some(([time], i) => i > 0 && time < records[i - 1]![0])) throw new Error('year-of-data: records out of order');
  writeByMonth(dir, records, journal);
  return outages;
}

/**
 * A sample for every minute of the range, one file per UTC month, each made as one buffer. The
 * times vary from minute to minute, slower in the evening, with a request lost now and then; a
 * minute that starts within an outage got no answer at all. No randomness: the outages' sequence
 * stays what it was without samples.
 */
function writeSamples(dir: string, range: { from: number; to: number }, outages: Array<[number, number]>): void {
  let next = 0;
  for (let month = range.from; month < range.to; ) {
    const start = new Date(month * 1000);
    const end = Math.min(range.to, Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1) / 1000);
    const buf = Buffer.alloc(((end - month) / 60) * SAMPLE_SIZE);
    for (let at = month, offset = 0; at < end; at += 60, offset += SAMPLE_SIZE) {
      while (next < outages.length && outages[next]![1] <= at) next++;
      const down = next < outages.length && outages[next]![0] <= at;
      const n = (at - range.from) / 60;
      const lost = down ? SENT_PER_MINUTE : (n % 97 === 0 ? 1 : 0) + (n % 1009 === 0 ? 3 : 0);
      const evening = Math.floor((at % 86_400) / 3600) >= 17 ? 6000 : 0;
      const min = 8000 + evening + ((n * 7919) % 5000);
      const avg = min + 1500 + (n % 7) * 400;
      buf.writeUInt32BE(at, offset);
      buf.writeUInt16BE(SENT_PER_MINUTE, offset + 4);
      buf.writeUInt16BE(SENT_PER_MINUTE - lost, offset + 6);
      buf.writeUInt32BE(down ? NO_VALUE : min, offset + 8);
      buf.writeUInt32BE(down ? NO_VALUE : avg, offset + 12);
      buf.writeUInt32BE(down ? NO_VALUE : avg + 4000 + ((n * 31) % 30_000), offset + 16);
      buf.writeUInt32BE(down ? NO_VALUE : 700 + ((n * 13) % 2500), offset + 20);
    }
    writeFileSync(join(dir, samplesFileName(month)), buf);
    month = end;
  }
}

function startEntry(target: string, start: number, cause: OutageCause): JournalEntry {
  const ownLink = cause === 'local';
  return {
    type: 'outage-start',
    target,
    start,
    cause,
    evidence: {
      first_failure: ownLink ? { ok: false, reason: 'local' } : { ok: false, reason: 'timeout' },
      gateway: { address: '192.0.2.1', result: ownLink ? { ok: false, reason: 'timeout' } : { ok: true, rtt_ms: 0.6 } },
      dns: { server: '203.0.113.53', name: 'example.net', answered: cause === 'target', detail: '' },
      addping: [
        { address: '203.0.113.10', result: cause === 'target' ? { ok: true, rtt_ms: 11.2 } : { ok: false, reason: 'timeout' } },
        { address: '203.0.113.20', result: cause === 'isp' ? { ok: false, reason: 'unreachable', from: '198.51.100.1' } : { ok: false, reason: 'timeout' } },
      ],
    },
  };
}

function endEntry(target: string, start: number, end: number): JournalEntry {
  return {
    type: 'outage-end',
    target,
    start,
    end,
    bounds: { last_success_before: start * 1000 - 1000, first_failure: start * 1000, last_failure: end * 1000 - 1000, first_success_after: end * 1000 },
    addping: [{ address: '203.0.113.10', result: { ok: true, rtt_ms: 12.5 } }],
  };
}

/** One transition log and one journal file per local month, named as the daemon names them. */
function writeByMonth(dir: string, records: Array<[number, Status]>, journal: Array<[number, JournalEntry]>): void {
  const logs = groupBy(records, ([time]) => `uptime_${journalFileName(time).slice('events_'.length, -'.jsonl'.length)}.log`);
  for (const [name, list] of logs) writeFileSync(join(dir, name), Buffer.concat(list.map(([time, status]) => encodeV2(time, status))));
  for (const [name, list] of groupBy(journal, ([time]) => journalFileName(time))) {
    writeFileSync(join(dir, name), list.map(([, entry]) => JSON.stringify(entry) + '\n').join(''));
  }
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/** An address change a month and a failover with its return each quarter. */
function writeSystemEvents(dataDir: string, range: { from: number; to: number }): void {
  const journal = systemJournalWriter(dataDir);
  let old: string | null = null;
  for (let month = 0; month < 12; month++) {
    const at = range.from + month * 30 * 86_400 + 4 * 3600;
    const address = `198.51.100.${month + 10}`;
    journal.append({ type: 'ip-change', at, family: 'ipv4', old, new: address, provider: 'bench' }, at);
    old = address;
    if (month % 3 !== 1) continue;
    const links = (primaryUp: boolean) => ({ primary: { up: primaryUp, address: '192.0.2.1' }, standby: { up: true, address: '192.0.2.129' } });
    journal.append({ type: 'failover', at: at + 600, kind: 'switch', active: 'standby', ...links(false), verified: true }, at + 600);
    journal.append({ type: 'failover', at: at + 4200, kind: 'switch', active: 'primary', ...links(true), verified: true }, at + 4200);
  }
}
