import { closeSync, existsSync, openSync, readSync, statSync, watch, type FSWatcher } from 'node:fs';
import { join } from 'node:path';
import { logFileName } from '../../src/core/store/transition-log-writer.js';
import { RECORD_SIZE, decodeAt, type Status } from '../../src/core/store/transition-record.js';

/** How often the files are looked at besides inotify's word, in case an event is coalesced away. */
const POLL_MS = 10;
/** A record lands in the file of its own month, and DOWN is dated back to the first failed probe: an hour back covers it. */
const BACKDATED_S = 3600;

/**
 * When each target's transition log gained a record of a given status: the wall time (ms) at
 * which this process saw the file grow, by inotify or a 10 ms poll, whichever came first.
 */
export async function nextRecord(dataDir: string, targets: readonly string[], status: Status, timeoutMs: number, act: () => Promise<void>): Promise<Map<string, number>> {
  const nowS = Date.now() / 1000;
  const names = [...new Set([logFileName(nowS - BACKDATED_S), logFileName(nowS)])];
  const files = targets.flatMap((target) => names.map((name) => ({ target, path: join(dataDir, target, name), size: sizeOf(join(dataDir, target, name)) })));
  const seen = new Map<string, number>();
  const watchers: FSWatcher[] = [];
  let timer: NodeJS.Timeout | undefined;
  let poll: NodeJS.Timeout | undefined;
  try {
    return await new Promise<Map<string, number>>((resolve, reject) => {
      const look = (): void => {
        const at = Date.now();
        for (const file of files) {
          const size = sizeOf(file.path);
          if (size <= file.size) continue;
          if (!seen.has(file.target) && newStatuses(file.path, file.size, size).includes(status)) seen.set(file.target, at);
          file.size = size;
        }
        if (seen.size === targets.length) resolve(seen);
      };
      for (const target of targets) watchers.push(watch(join(dataDir, target), look));
      poll = setInterval(look, POLL_MS);
      timer = setTimeout(() => reject(new Error(`no new record of status ${status} for ${targets.filter((t) => !seen.has(t)).join(', ')} within ${timeoutMs} ms`)), timeoutMs);
      act().catch(reject);
    });
  } finally {
    clearTimeout(timer);
    clearInterval(poll);
    for (const w of watchers) w.close();
  }
}

function sizeOf(path: string): number {
  return existsSync(path) ? statSync(path).size : 0;
}

/** The statuses of the whole 5-byte records between two offsets of a file the daemon writes. */
function newStatuses(path: string, from: number, to: number): Status[] {
  const size = RECORD_SIZE.v2;
  const start = from - (from % size);
  const buf = Buffer.alloc(to - start);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, buf, 0, buf.length, start);
  } finally {
    closeSync(fd);
  }
  const out: Status[] = [];
  for (let at = 0; at + size <= buf.length; at += size) out.push(decodeAt(buf, at, 'v2').status);
  return out;
}
