import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { UserError, fsUserError } from '../errors.js';
import { ForeignSamplesError, allocateSeries, decodeRangeInto, samplesFileSpan, type SampleSeries } from './samples-file.js';
import { SAMPLE_SIZE, millis, type Sample } from './samples-record.js';

/** Unix seconds, `from` inclusive, `to` exclusive. */
export interface SampleRange {
  from: number;
  to: number;
}

const EVERYTHING: SampleRange = { from: 0, to: Infinity };

/** The samples files in a target's folder, oldest month first; none when the folder does not exist. */
export function listSampleFiles(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw fsUserError(err, dir);
  }
  return names.filter((name) => samplesFileSpan(name) !== null).sort();
}

/**
 * The samples of one target whose minute starts in `range`, in time order. Reads only the
 * months the range touches, and never writes: a torn tail is skipped here and repaired by the
 * writer. A file that holds something other than samples is named with the byte offset.
 */
export function readSamples(dir: string, range: SampleRange = EVERYTHING): SampleSeries {
  const files = listSampleFiles(dir)
    .filter((name) => overlaps(samplesFileSpan(name)!, range))
    .map((name) => {
      const path = join(dir, name);
      return { path, buf: readBytes(path) };
    });

  // Sized for every whole record of the months read, filled in place, trimmed only if some were cut.
  const capacity = files.reduce((n, f) => n + Math.floor(f.buf.length / SAMPLE_SIZE), 0);
  const series = allocateSeries(capacity);
  let count = 0;
  for (const { path, buf } of files) {
    try {
      count += decodeRangeInto(buf, series, count, range.from, range.to).copied;
    } catch (err) {
      if (err instanceof ForeignSamplesError) throw new UserError(`${path}: ${err.message}`);
      throw err;
    }
  }
  return sortedByTime(count === capacity ? series : trimmed(series, count));
}

/** The i-th sample of a series, in milliseconds. */
export function sampleAt(series: SampleSeries, i: number): Sample {
  return {
    at: series.at[i]!,
    sent: series.sent[i]!,
    received: series.received[i]!,
    minMs: millis(series.minUs[i]!),
    avgMs: millis(series.avgUs[i]!),
    maxMs: millis(series.maxUs[i]!),
    jitterMs: millis(series.jitterUs[i]!),
  };
}

function overlaps(span: SampleRange, range: SampleRange): boolean {
  return span.from < range.to && range.from < span.to;
}

function readBytes(path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (err) {
    throw fsUserError(err, path);
  }
}

function trimmed(s: SampleSeries, n: number): SampleSeries {
  return {
    at: s.at.slice(0, n),
    sent: s.sent.slice(0, n),
    received: s.received.slice(0, n),
    minUs: s.minUs.slice(0, n),
    avgUs: s.avgUs.slice(0, n),
    maxUs: s.maxUs.slice(0, n),
    jitterUs: s.jitterUs.slice(0, n),
  };
}

/**
 * The writer appends in time order, but a clock stepped back by hand or by NTP can leave an
 * earlier minute after a later one; a stable sort puts it where it belongs.
 */
function sortedByTime(s: SampleSeries): SampleSeries {
  let sorted = true;
  for (let i = 1; i < s.at.length && sorted; i++) sorted = s.at[i - 1]! <= s.at[i]!;
  if (sorted) return s;
  const order = Uint32Array.from({ length: s.at.length }, (_, i) => i);
  order.sort((a, b) => s.at[a]! - s.at[b]! || a - b);
  return {
    at: Uint32Array.from(order, (i) => s.at[i]!),
    sent: Uint16Array.from(order, (i) => s.sent[i]!),
    received: Uint16Array.from(order, (i) => s.received[i]!),
    minUs: Uint32Array.from(order, (i) => s.minUs[i]!),
    avgUs: Uint32Array.from(order, (i) => s.avgUs[i]!),
    maxUs: Uint32Array.from(order, (i) => s.maxUs[i]!),
    jitterUs: Uint32Array.from(order, (i) => s.jitterUs[i]!),
  };
}
