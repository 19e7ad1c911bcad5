import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { systemEvent, type SystemEvent } from '../../shared/system-events.js';
import { fsUserError } from '../errors.js';
import { JournalWriter, readJsonLines } from './journal.js';

/**
 * The instance-wide journal (IP changes, failovers) in `DATA/_events/`. The leading underscore
 * keeps it apart from target folders, whose names start with a letter or digit.
 */
export const SYSTEM_JOURNAL_DIR = '_events';

export function systemJournalWriter(dataDir: string): JournalWriter<SystemEvent> {
  return new JournalWriter<SystemEvent>(join(dataDir, SYSTEM_JOURNAL_DIR));
}

/** Every system event in a data folder, oldest first; none when the folder has no system journal. */
export function readSystemJournal(dataDir: string): SystemEvent[] {
  const dir = join(dataDir, SYSTEM_JOURNAL_DIR);
  if (!existsSync(dir)) return [];
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => /^events_\d{4}-\d{2}\.jsonl$/.test(n)).sort();
  } catch (err) {
    throw fsUserError(err, dir);
  }
  return names.flatMap((name) => readFile(join(dir, name)));
}

function readFile(path: string): SystemEvent[] {
  return readJsonLines(path, 'system journal entry', (value) => {
    const parsed = systemEvent.safeParse(value);
    return parsed.success ? parsed.data : null;
  });
}
