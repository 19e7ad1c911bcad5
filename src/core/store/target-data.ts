import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { UserError, fsUserError } from '../errors.js';
import { readJournal, type JournalEntry } from './journal.js';
import { readTransitionDir, type TransitionSeries } from './transition-log.js';

const targetInfo = z.object({ name: z.string(), address: z.string() });

/** Everything recorded about one target: the transitions, the journal, and what was probed. */
export interface TargetData {
  name: string;
  address: string | null;
  series: TransitionSeries;
  journal: JournalEntry[];
}

export function loadTarget(dir: string, name: string): TargetData {
  return { name, address: readAddress(dir), series: readTransitionDir(dir), journal: readJournal(dir) };
}

/** target.json is written by the daemon; network-outage-monitor's folders have none. */
function readAddress(dir: string): string | null {
  const path = join(dir, 'target.json');
  if (!existsSync(path)) return null;
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    if (err instanceof SyntaxError) throw new UserError(`${path}: not valid JSON`);
    throw fsUserError(err, path);
  }
  const parsed = targetInfo.safeParse(value);
  if (!parsed.success) throw new UserError(`${path}: not a target description (expected {"name", "address"})`);
  return parsed.data.address;
}
