import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fsUserError } from '../errors.js';
import type { TextSink } from '../report/text-sink.js';

/**
 * Runs `write` into FILE, which appears whole or not at all: the bytes go to a hidden file
 * beside it, made durable, then renamed over it. A crash or an error leaves FILE as it was.
 */
export async function writeWhole(file: string, write: (sink: TextSink) => Promise<void>): Promise<void> {
  const tmp = join(dirname(file), `.${basename(file)}.${process.pid}.tmp`);
  let fd: number;
  try {
    fd = openSync(tmp, 'wx');
  } catch (err) {
    throw fsUserError(err, file);
  }
  let open = true;
  try {
    await write((chunk) => {
      if (typeof chunk === 'string') writeSync(fd, chunk);
      else writeSync(fd, chunk);
    });
    fsyncSync(fd);
    open = false;
    closeSync(fd);
    renameSync(tmp, file);
  } catch (err) {
    if (open) closeSync(fd);
    rmSync(tmp, { force: true });
    throw fsUserError(err, file);
  }
}
