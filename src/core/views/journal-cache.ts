import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fsUserError } from '../errors.js';
import { readJournalFile, type JournalEntry } from '../store/journal.js';

/** The month files readJournal reads, by the same pattern. */
const JOURNAL_FILE = /^events_\d{4}-\d{2}\.jsonl$/;

/** What tells one state of a file from the next: an append changes the size, a rewrite the times or, by a rename, the inode. */
interface FileState {
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  ino: number;
}

interface ReadFile extends FileState {
  entries: readonly JournalEntry[];
}

/**
 * Targets' journals as readJournal reads them, each month file kept parsed until it changes: a
 * dashboard asks for the same year again on every zoom and pan, and parsing and validating every
 * line is nearly all of such a call. A file whose size, times or inode differ from when it was
 * read is read again in full. Not from where it ended: a torn last line may since have been
 * completed, and a file rewritten longer would pass for an append; the daemon appends only on
 * events, to the current month, which costs a few milliseconds to read again.
 *
 * The state is taken before the file is read, so a line appended during the read is seen on the
 * next call. Not seen: a rewrite to the very same length within the file system's timestamp tick
 * of the read, which nothing that writes journals does. The entries are shared between calls:
 * read them, never change them. One per process that answers views, made by whoever builds the
 * handlers.
 */
export class JournalCache {
  /** Per target folder, its journal files by name, as last read. */
  private readonly folders = new Map<string, Map<string, ReadFile>>();

  /** Every entry in a target folder's journal, oldest month first: what readJournal returns. */
  read(dir: string): JournalEntry[] {
    const before = this.folders.get(dir);
    // Built afresh each time, so a file that has gone is forgotten with it.
    const files = new Map<string, ReadFile>();
    for (const name of journalNames(dir)) {
      const path = join(dir, name);
      const state = stateOf(path);
      const known = before?.get(name);
      files.set(name, known && sameState(known, state) ? known : { ...state, entries: readJournalFile(path) });
    }
    this.folders.set(dir, files);
    return [...files.values()].flatMap((file) => file.entries);
  }
}

function journalNames(dir: string): string[] {
  try {
    return readdirSync(dir).filter((name) => JOURNAL_FILE.test(name)).sort();
  } catch (err) {
    throw fsUserError(err, dir);
  }
}

function stateOf(path: string): FileState {
  try {
    const { size, mtimeMs, ctimeMs, ino } = statSync(path);
    return { size, mtimeMs, ctimeMs, ino };
  } catch (err) {
    throw fsUserError(err, path);
  }
}

function sameState(a: FileState, b: FileState): boolean {
  return a.size === b.size && a.mtimeMs === b.mtimeMs && a.ctimeMs === b.ctimeMs && a.ino === b.ino;
}
