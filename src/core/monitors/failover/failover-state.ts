import { readFileSync, renameSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { SYSTEM_JOURNAL_DIR } from '../../store/system-journal.js';

const STATE_FILE = 'failover-state.json';

const linkKey = z.strictObject({ interface: z.string(), gateway: z.string() });

/**
 * What failover remembers across restarts, in `DATA/_events/failover-state.json`: which link
 * carried traffic, and whether "both down" was already reported. Only trusted for the same two
 * links: a configuration naming other interfaces or gateways starts afresh.
 */
const failoverState = z.strictObject({
  version: z.literal(1),
  links: z.strictObject({ primary: linkKey, standby: linkKey }),
  active: z.enum(['primary', 'standby']).nullable(),
  /** Unix seconds of the last change of `active`. */
  since: z.number().int().nonnegative(),
  bothDownReported: z.boolean(),
});

export type FailoverState = z.infer<typeof failoverState>;
export type LinkKeys = FailoverState['links'];

export function stateFilePath(dataDir: string): string {
  return join(dataDir, SYSTEM_JOURNAL_DIR, STATE_FILE);
}

/** The remembered state for these links; null when there is none, it is unreadable, or it is about other links. */
export function readFailoverState(dataDir: string, links: LinkKeys): { state: FailoverState | null; problem: string | null } {
  let text: string;
  try {
    text = readFileSync(stateFilePath(dataDir), 'utf8');
  } catch (err) {
    const missing = (err as NodeJS.ErrnoException).code === 'ENOENT';
    return { state: null, problem: missing ? null : `cannot read ${stateFilePath(dataDir)}: ${(err as Error).message}` };
  }
  let parsed: ReturnType<typeof failoverState.safeParse>;
  try {
    parsed = failoverState.safeParse(JSON.parse(text));
  } catch {
    return { state: null, problem: `${stateFilePath(dataDir)} is not JSON; starting afresh` };
  }
  if (!parsed.success) return { state: null, problem: `${stateFilePath(dataDir)} is not a failover state; starting afresh` };
  const same = (['primary', 'standby'] as const).every((r) => parsed.data.links[r].interface === links[r].interface && parsed.data.links[r].gateway === links[r].gateway);
  if (!same) return { state: null, problem: 'the failover links changed since the last run; starting afresh' };
  return { state: parsed.data, problem: null };
}

/** Written whole, by rename: a crash leaves the old state or the new one, never half of each. */
export function writeFailoverState(dataDir: string, state: FailoverState): void {
  const path = stateFilePath(dataDir);
  mkdirSync(join(dataDir, SYSTEM_JOURNAL_DIR), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(state, null, 2) + '\n');
  renameSync(tmp, path);
}
