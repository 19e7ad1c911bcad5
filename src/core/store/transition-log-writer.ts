import { closeSync, fsyncSync, openSync, renameSync, truncateSync, writeSync } from 'node:fs';
import { UserError } from '../errors.js';
import { RecordAppender, syncDir } from './record-appender.js';
import { ForeignFileError, decodeTransitionFile } from './transition-file.js';
import { encodeV2, type Status } from './transition-record.js';

/** `uptime_YYYY-MM.log` for the local month of a timestamp, as network-outage-monitor names it. */
export function logFileName(unixSeconds: number): string {
  const d = new Date(unixSeconds * 1000);
  return `uptime_${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}.log`;
}

/**
 * Appends records to a target's folder, one whole durable 5-byte record per write. The first time
 * a file is touched, a torn tail is cut off and an old-format (4-byte) file is rewritten in the
 * 5-byte format, so records of two formats never share a file.
 */
export class TransitionLogWriter {
  private readonly appender: RecordAppender;

  constructor(dir: string) {
    this.appender = new RecordAppender(dir, (path, existing) => repairLogFile(dir, path, existing));
  }

  append(unixSeconds: number, status: Status): void {
    this.appender.append(logFileName(unixSeconds), encodeV2(unixSeconds, status));
  }
}

function repairLogFile(dir: string, path: string, existing: Buffer): void {
  let file;
  try {
    file = decodeTransitionFile(existing);
  } catch (err) {
    if (err instanceof ForeignFileError) throw new UserError(`${path}: ${err.message}; refusing to append to it`);
    throw err;
  }
  if (file.format === 'v1') {
    rewriteAsV2(path, file.times, file.statuses);
    syncDir(dir);
  } else if (file.validBytes < existing.length) {
    truncateSync(path, file.validBytes);
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
