import { closeSync, openSync, statSync, utimesSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Each running session's folder holds a heartbeat file whose modification time says when the
 * daemon was last known to be running: after a crash the session is closed there. One period
 * for every recorder, and the readers' "is it running?" follows from it.
 */
export const HEARTBEAT_FILE = '.alive';
/** How often it is touched: the most a crash can blur the record. */
export const HEARTBEAT_MS = 5_000;
/** A heartbeat older than three periods means no daemon is running the session. */
export const ALIVE_WITHIN_S = (3 * HEARTBEAT_MS) / 1000;

export function touchHeartbeat(path: string, nowSeconds: number): void {
  try {
    utimesSync(path, nowSeconds, nowSeconds);
  } catch {
    closeSync(openSync(path, 'a'));
    utimesSync(path, nowSeconds, nowSeconds);
  }
}

/** The last heartbeat in `dir`, in unix seconds; null when there is none. */
export function lastHeartbeat(dir: string): number | null {
  try {
    return Math.floor(statSync(join(dir, HEARTBEAT_FILE)).mtimeMs / 1000);
  } catch {
    return null;
  }
}
