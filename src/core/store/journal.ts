import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, readdirSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { monitorEvent, type MonitorEvent } from '../../shared/events.js';
import { UserError, fsUserError } from '../errors.js';

/** The journal keeps what the transition log cannot: each outage's cause and evidence, degraded periods, why monitoring stopped. */
export type JournalEntry = Exclude<MonitorEvent, { type: 'transition' }>;

const JOURNAL_FILE = /^events_\d{4}-\d{2}\.jsonl$/;

export function journalFileName(unixSeconds: number): string {
  const d = new Date(unixSeconds * 1000);
  return `events_${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}.jsonl`;
}

/**
 * Appends one JSON line per entry to the month's file in `dir`, each made durable before
 * returning: a target's journal beside its transition log, or the system journal.
 */
export class JournalWriter<Entry extends object = JournalEntry> {
  constructor(private readonly dir: string) {}

  append(entry: Entry, unixSeconds: number): void {
    try {
      mkdirSync(this.dir, { recursive: true });
      const fd = openSync(join(this.dir, journalFileName(unixSeconds)), 'a');
      try {
        writeSync(fd, JSON.stringify(entry) + '\n');
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
    } catch (err) {
      throw fsUserError(err, this.dir);
    }
  }
}

/**
 * Every entry in a target folder's journal. A last line cut short by a crash is skipped; any
 * other line that is not a valid entry is an error naming the file and line.
 */
export function readJournal(dir: string): JournalEntry[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => JOURNAL_FILE.test(n)).sort();
  } catch (err) {
    throw fsUserError(err, dir);
  }
  return names.flatMap((name) => readJournalFile(join(dir, name)));
}

/** The entries of one journal file, as readJournal reads each. */
export function readJournalFile(path: string): JournalEntry[] {
  return readJsonLines(path, 'journal entry', (value) => {
    const parsed = monitorEvent.safeParse(value);
    return parsed.success && parsed.data.type !== 'transition' ? parsed.data : null;
  });
}

/**
 * The entries of a JSON-lines file. A last line cut short by a crash is skipped; any other
 * line that `parse` rejects (returns null) is an error naming the file and line.
 */
export function readJsonLines<T>(path: string, what: string, parse: (value: unknown) => T | null): T[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw fsUserError(err, path);
  }
  const entry = (line: string): T | null => {
    try {
      return parse(JSON.parse(line));
    } catch {
      return null;
    }
  };
  const lines = text.split('\n');
  const torn = lines.pop();
  const entries: T[] = [];
  lines.forEach((line, i) => {
    if (line === '') return;
    const parsed = entry(line);
    if (parsed === null) throw new UserError(`${path}:${i + 1}: not a ${what}`);
    entries.push(parsed);
  });
  const last = torn ? entry(torn) : null;
  if (last !== null) entries.push(last);
  return entries;
}
