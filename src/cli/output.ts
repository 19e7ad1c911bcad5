import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { once } from 'node:events';
import { basename, dirname, join } from 'node:path';
import { fsUserError } from '../core/errors.js';
import type { TextSink } from '../core/report/text-sink.js';

/** Runs `write` against stdout, or against FILE, which appears whole or not at all. */
export async function withOutput(outFile: string | undefined, write: (sink: TextSink) => Promise<void>): Promise<void> {
  if (outFile === undefined) {
    await write((chunk) => (process.stdout.write(chunk) ? undefined : once(process.stdout, 'drain').then(() => undefined)));
    return;
  }
  const tmp = join(dirname(outFile), `.${basename(outFile)}.${process.pid}.tmp`);
  let fd: number;
  try {
    fd = openSync(tmp, 'wx');
  } catch (err) {
    throw fsUserError(err, outFile);
  }
  try {
    await write((chunk) => {
      if (typeof chunk === 'string') writeSync(fd, chunk);
      else writeSync(fd, chunk);
    });
    fsyncSync(fd);
    closeSync(fd);
    renameSync(tmp, outFile);
  } catch (err) {
    closeSync(fd);
    rmSync(tmp, { force: true });
    throw fsUserError(err, outFile);
  }
}
