import { once } from 'node:events';
import { writeWhole } from '../core/fs/write-whole.js';
import type { TextSink } from '../core/report/text-sink.js';

/** Runs `write` against stdout, or against FILE, which appears whole or not at all. */
export async function withOutput(outFile: string | undefined, write: (sink: TextSink) => Promise<void>): Promise<void> {
  if (outFile !== undefined) return writeWhole(outFile, write);
  await write((chunk) => (process.stdout.write(chunk) ? undefined : once(process.stdout, 'drain').then(() => undefined)));
}
