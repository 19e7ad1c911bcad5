import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { UserError, fsUserError } from '../errors.js';
import { ForeignFileError, decodeInto, inspectTransitionFile } from './transition-file.js';
import type { RecordFormat } from './transition-record.js';

/** network-outage-monitor's file name pattern, `uptime_*.log` as its glob reads it. */
export const LOG_FILE_PATTERN = /^uptime_.*\.log$/;

/** Every record of one target, sorted by time (ties keep file order, as the original's sort). */
export interface TransitionSeries {
  times: Float64Array;
  statuses: Uint8Array;
  /** The formats the files were in; empty when no file held a record. */
  formats: Set<RecordFormat>;
  files: string[];
}

export function listLogFiles(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (err) {
    throw fsUserError(err, dir);
  }
  return names.filter((name) => LOG_FILE_PATTERN.test(name)).sort();
}

/** Reads a target's folder. Never writes: a torn tail is skipped here and repaired by the writer. */
export function readTransitionDir(dir: string): TransitionSeries {
  const files = listLogFiles(dir).map((name) => join(dir, name));
  const parts = files.map((path) => {
    const buf = readLogFile(path);
    try {
      return { buf, layout: inspectTransitionFile(buf) };
    } catch (err) {
      if (err instanceof ForeignFileError) throw new UserError(`${path}: ${err.message}`);
      throw err;
    }
  });

  // Sized exactly and filled in place: a million records cost 9 MB, not twice that.
  const total = parts.reduce((n, p) => n + p.layout.count, 0);
  const times = new Float64Array(total);
  const statuses = new Uint8Array(total);
  const formats = new Set<RecordFormat>();
  let at = 0;
  for (const { buf, layout } of parts) {
    decodeInto(buf, layout, times, statuses, at);
    at += layout.count;
    if (layout.format) formats.add(layout.format);
  }
  return { ...sortedByTime(times, statuses), formats, files };
}

function readLogFile(path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (err) {
    throw fsUserError(err, path);
  }
}

function sortedByTime(times: Float64Array, statuses: Uint8Array): { times: Float64Array; statuses: Uint8Array } {
  let sorted = true;
  for (let i = 1; i < times.length && sorted; i++) sorted = times[i - 1]! <= times[i]!;
  if (sorted) return { times, statuses };

  const order = Uint32Array.from({ length: times.length }, (_, i) => i);
  order.sort((a, b) => times[a]! - times[b]! || a - b);
  return {
    times: Float64Array.from(order, (i) => times[i]!),
    statuses: Uint8Array.from(order, (i) => statuses[i]!),
  };
}
