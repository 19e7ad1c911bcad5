import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fsUserError } from '../errors.js';

export interface FileDigest {
  /** Relative to the data folder, with forward slashes. */
  path: string;
  bytes: number;
  sha256: string;
}

export interface DataDigest {
  files: FileDigest[];
  /** SHA-256 of `manifest`: one value that pins every file. */
  sha256: string;
  /** The files in `sha256sum` format: `sha256sum -c` in the data folder checks them. */
  manifest: string;
}

/** What a report is made from, in a target folder: the transition log, the journal, samples, target.json. */
const RECORD_FILE = /^(uptime_\d{4}-\d{2}\.log|events_\d{4}-\d{2}\.jsonl|samples_[\w-]+\.bin|target\.json)$/;

const CHUNK = 1 << 20;

/** The record files of each folder, sorted, hashed as they are now. */
export function digestData(dataDir: string, folders: readonly string[]): DataDigest {
  const paths = folders.flatMap((dir) => listRecordFiles(dir)).sort();
  const files = paths.map((path) => ({ path: relative(dataDir, path).split('\\').join('/') || path, ...hashFile(path) }));
  const manifest = files.map((f) => `${f.sha256}  ${f.path}\n`).join('');
  return { files, manifest, sha256: createHash('sha256').update(manifest).digest('hex') };
}

/**
 * What the record files are now, without reading them: path, size, modification time and inode
 * of each. Equal before and after a read, it shows nothing was appended, rewritten or replaced
 * meanwhile — at a stat per file instead of hashing every byte again.
 */
export function dataFingerprint(folders: readonly string[]): string {
  return folders
    .flatMap((dir) => listRecordFiles(dir))
    .sort()
    .map((path) => {
      try {
        const s = statSync(path, { bigint: true });
        return `${path}\0${s.size}\0${s.mtimeNs}\0${s.ino}`;
      } catch (err) {
        throw fsUserError(err, path);
      }
    })
    .join('\n');
}

function listRecordFiles(dir: string): string[] {
  try {
    return readdirSync(dir)
      .filter((name) => RECORD_FILE.test(name))
      .map((name) => join(dir, name));
  } catch (err) {
    throw fsUserError(err, dir);
  }
}

function hashFile(path: string): { bytes: number; sha256: string } {
  const hash = createHash('sha256');
  const buffer = Buffer.allocUnsafe(CHUNK);
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    let bytes = 0;
    for (let n = readSync(fd, buffer, 0, CHUNK, null); n > 0; n = readSync(fd, buffer, 0, CHUNK, null)) {
      hash.update(buffer.subarray(0, n));
      bytes += n;
    }
    if (bytes !== statSync(path).size) throw new Error('changed while it was read');
    return { bytes, sha256: hash.digest('hex') };
  } catch (err) {
    throw fsUserError(err, path);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
