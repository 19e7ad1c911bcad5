import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { SYSTEM_JOURNAL_DIR } from '../../store/system-journal.js';
import type { IpFamily } from './ip-answer.js';

const STATE_FILE = 'ddns-state.json';

/**
 * The last external address, in `DATA/_events/ddns-state.json`, so that a restart is not taken
 * for a change (imon started from "unknown" every time and called its script at each start).
 */
const ddnsState = z.strictObject({
  version: z.literal(1),
  family: z.enum(['ipv4', 'ipv6']),
  address: z.union([z.ipv4(), z.ipv6()]),
  /** The provider that first gave this address. */
  provider: z.string(),
  /** Unix seconds when this address was first seen. */
  since: z.number().int().nonnegative(),
});

export type DdnsState = z.infer<typeof ddnsState>;

export function ddnsStatePath(dataDir: string): string {
  return join(dataDir, SYSTEM_JOURNAL_DIR, STATE_FILE);
}

/** The remembered address of this family; null when there is none, the file is unreadable, or it is of the other family. */
export function readDdnsState(dataDir: string, family: IpFamily): { state: DdnsState | null; problem: string | null } {
  const path = ddnsStatePath(dataDir);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const missing = (err as NodeJS.ErrnoException).code === 'ENOENT';
    return { state: null, problem: missing ? null : `cannot read ${path}: ${(err as Error).message}` };
  }
  let parsed: ReturnType<typeof ddnsState.safeParse>;
  try {
    parsed = ddnsState.safeParse(JSON.parse(text));
  } catch {
    return { state: null, problem: `${path} is not JSON; starting afresh` };
  }
  if (!parsed.success) return { state: null, problem: `${path} is not a ddns state; starting afresh` };
  if (parsed.data.family !== family) return { state: null, problem: `the remembered address is ${parsed.data.family}, the configuration asks for ${family}; starting afresh` };
  return { state: parsed.data, problem: null };
}

/** Written whole and made durable before the rename: a crash leaves the old state or the new one. */
export function writeDdnsState(dataDir: string, state: DdnsState): void {
  const path = ddnsStatePath(dataDir);
  mkdirSync(join(dataDir, SYSTEM_JOURNAL_DIR), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w');
  try {
    writeSync(fd, JSON.stringify(ddnsState.parse(state), null, 2) + '\n');
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
}
