import { truncateSync } from 'node:fs';
import { UserError } from '../errors.js';
import { RecordAppender } from './record-appender.js';
import { ForeignSamplesError, inspectSamplesFile, samplesFileName } from './samples-file.js';
import { encodeSample, type Sample } from './samples-record.js';

/**
 * Appends a target's per-minute samples to `samples_YYYY-MM.bin` in its folder, one whole
 * durable record per write. The first time a file is touched, a torn tail is cut off so the next
 * record starts on a record boundary; a file that is not ours is never appended to.
 */
export class SamplesWriter {
  private readonly appender: RecordAppender;

  constructor(dir: string) {
    this.appender = new RecordAppender(dir, repairSamplesFile);
  }

  append(sample: Sample): void {
    this.appender.append(samplesFileName(sample.at), encodeSample(sample));
  }
}

function repairSamplesFile(path: string, existing: Buffer): void {
  let validBytes: number;
  try {
    validBytes = inspectSamplesFile(existing).validBytes;
  } catch (err) {
    if (err instanceof ForeignSamplesError) throw new UserError(`${path}: ${err.message}; refusing to append to it`);
    throw err;
  }
  if (validBytes < existing.length) truncateSync(path, validBytes);
}
