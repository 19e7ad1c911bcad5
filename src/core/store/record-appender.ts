import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { fsUserError } from '../errors.js';

/**
 * Makes an existing file fit to be appended to, the first time it is touched: cuts a torn tail,
 * rewrites an old format, or throws a UserError for a file that is not ours.
 */
export type RepairExisting = (path: string, existing: Buffer) => void;

/**
 * Appends whole fixed-size records to files in one folder, each made durable before append()
 * returns: a crash loses at most the record being written. The stores (transition log, samples)
 * differ only in their records and in how they repair an existing file.
 */
export class RecordAppender {
  private readonly prepared = new Set<string>();

  constructor(
    private readonly dir: string,
    private readonly repair: RepairExisting,
  ) {}

  append(fileName: string, record: Buffer): void {
    const path = join(this.dir, fileName);
    if (!this.prepared.has(path)) {
      this.prepare(path);
      this.prepared.add(path);
    }
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
    this.repair(path, existing);
  }
}

/** The file's name is made durable before the first record, so a record is never in a file the directory lost. */
function createEmpty(path: string): void {
  const fd = openSync(path, 'a');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export function syncDir(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
