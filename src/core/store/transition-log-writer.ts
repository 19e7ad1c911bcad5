import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, truncateSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { UserError, fsUserError } from '../errors.js';
import { ForeignFileError, decodeTransitionFile } from './transition-file.js';
import { encodeV2, type Status } from './transition-record.js';

/** `uptime_YYYY-MM.log` for the local month of a timestamp, as network-outage-monitor names it. */
export function logFileName(unixSeconds: number): string {
  const d = new Date(unixSeconds * 1000);
  return `uptime_${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}.log`;
}

/**
 * Appends records to a target's folder, one whole 5-byte record per write, each made durable
 * before append() returns: a crash loses at most the record being written. The first time a
 * file is touched, a torn tail is cut off and an old-format (4-byte) file is rewritten in the
 * 5-byte format, so records of two formats never share a file.
 */
export class TransitionLogWriter {
  private readonly prepared = new Set<string>();

  constructor(private readonly dir: string) {}

  append(unixSeconds: number, status: Status): void {
    const path = join(this.dir, logFileName(unixSeconds));
    if (!this.prepared.has(path)) {
      this.prepare(path);
      this.prepared.add(path);
    }
    const record = encodeV2(unixSeconds, status);
    const fd = openSync(path, 'a');
    try {
      writeSync(fd, record);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }

  private prepare(path: string): void {
    try {
      mkdirSync(this.dir, { recursive: true });
    } catch (err) {
      throw fsUserError(err, this.dir);
    }
    let existing: Buffer;
    try {
      existing = readFileSync(path);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw fsUserError(err, path);
      createEmpty(path);
      syncDir(this.dir);
      return;
    }
    let file;
    try {
      file = decodeTransitionFile(existing);
    } catch (err) {
      if (err instanceof ForeignFileError) throw new UserError(`${path}: ${err.message}; refusing to append to it`);
      throw err;
    }
    if (file.format === 'v1') {
      rewriteAsV2(path, file.times, file.statuses);
      syncDir(this.dir);
    } else if (file.validBytes < existing.length) {
      truncateSync(path, file.validBytes);
    }
  }
}

function createEmpty(path: string): void {
  const fd = openSync(path, 'a');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function rewriteAsV2(path: string, times: Float64Array, statuses: Uint8Array): void {
  const out = Buffer.alloc(times.length * 5);
  for (let i = 0; i < times.length; i++) encodeV2(times[i]!, statuses[i] as Status).copy(out, i * 5);
  const tmp = `${path}.v2-${process.pid}.tmp`;
  const fd = openSync(tmp, 'w');
  try {
    writeSync(fd, out);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
}

function syncDir(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
