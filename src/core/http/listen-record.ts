import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { writeWhole } from '../fs/write-whole.js';

/**
 * Where a `nom daemon --http` tells this machine it is serving: `<data folder>/.nom-daemon.json`.
 * In the data folder, because what must not happen is two sets of monitors recording into one
 * folder: the desktop app looks in the folder it would itself record into (the same default
 * as the daemon's, core/paths.ts), so it finds exactly the daemon it would otherwise duplicate,
 * and none that records elsewhere. A crash leaves the file behind; the pid in it, and the daemon
 * answering as the instance named, tell a live one from a stale one.
 */
export const LISTEN_RECORD_FILE = '.nom-daemon.json';

export const listenRecord = z.strictObject({
  /** Where a client on this machine reaches it: a wildcard listen address is given as loopback. */
  url: z.url({ protocol: /^http$/ }),
  pid: z.number().int().positive(),
  /** Its configuration's instance name, which its /api/status answers too. */
  instance: z.string(),
  /**
   * The file holding its access token, when it asks one (it listens beyond loopback); the token
   * itself is kept out of this file, which need not be as private as that one.
   */
  tokenFile: z.string().nullable(),
});
export type ListenRecord = z.infer<typeof listenRecord>;

export function listenRecordPath(dataDir: string): string {
  return join(dataDir, LISTEN_RECORD_FILE);
}

/** Written whole, so that a reader never sees half of it. */
export async function writeListenRecord(dataDir: string, record: ListenRecord): Promise<void> {
  await writeWhole(listenRecordPath(dataDir), async (sink) => sink(`${JSON.stringify(record, null, 2)}\n`));
}

/** Removes the record if it is still this process's: a daemon started after it may have written its own. */
export function removeListenRecord(dataDir: string, pid = process.pid): void {
  const found = readListenRecord(dataDir);
  if (found.kind === 'found' && found.record.pid === pid) rmSync(listenRecordPath(dataDir), { force: true });
}

export type ListenRecordRead = { kind: 'none' } | { kind: 'found'; record: ListenRecord } | { kind: 'unreadable'; why: string };

/** The record in a data folder, or why there is none to go by. */
export function readListenRecord(dataDir: string): ListenRecordRead {
  let text: string;
  try {
    text = readFileSync(listenRecordPath(dataDir), 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'none' };
    return { kind: 'unreadable', why: err instanceof Error ? err.message : String(err) };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { kind: 'unreadable', why: 'it is not JSON' };
  }
  const parsed = listenRecord.safeParse(json);
  if (!parsed.success) return { kind: 'unreadable', why: `it is not a daemon's listen record (${parsed.error.issues[0]?.path.join('.') ?? ''}: ${parsed.error.issues[0]?.message ?? ''})` };
  return { kind: 'found', record: parsed.data };
}

/** The address a client on this machine uses for a server listening on `url`: a wildcard address is reached on loopback. */
export function localUrl(url: string): string {
  const address = new URL(url);
  if (address.hostname === '0.0.0.0') address.hostname = '127.0.0.1';
  if (address.hostname === '[::]') address.hostname = '[::1]';
  return address.origin;
}
