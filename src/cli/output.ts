import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fsUserError } from '../core/errors.js';
import type { TextSink } from '../core/report/text-sink.js';

/** Runs `write` against stdout, or against FILE, which appears whole or not at all. */
export function withOutput(outFile: string | undefined, write: (sink: TextSink) => void): void {
  if (outFile === undefined) {
    write((chunk) => process.stdout.write(chunk));
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
    write((chunk) => {
      writeSync(fd, chunk);
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
