import { SAMPLE_SIZE, isValidSample } from './samples-record.js';

/** What a samples file holds, told from its bytes alone. */
export interface SamplesLayout {
  count: number;
  /** Bytes that belong to whole, valid records; anything after is a torn tail. */
  validBytes: number;
}

/** A target's samples, one column per field, in time order. RTTs in microseconds, NO_VALUE where none. */
export interface SampleSeries {
  /** Start of each minute, unix seconds. */
  at: Uint32Array;
  sent: Uint16Array;
  received: Uint16Array;
  minUs: Uint32Array;
  avgUs: Uint32Array;
  maxUs: Uint32Array;
  jitterUs: Uint32Array;
}

export class ForeignSamplesError extends Error {
  constructor(readonly byteOffset: number) {
    super(`not a nom samples file: the ${SAMPLE_SIZE}-byte record at byte ${byteOffset} is not a minute's sample`);
    this.name = 'ForeignSamplesError';
  }
}

/**
 * Finds the whole, valid records. A torn tail (a crash in the middle of an append) and trailing
 * all-zero records (what some filesystems leave after a power cut) fall outside validBytes; an
 * invalid record anywhere else means the file is not ours.
 */
export function inspectSamplesFile(buf: Uint8Array): SamplesLayout {
  return scan(buf, null).layout;
}

export function allocateSeries(capacity: number): SampleSeries {
  return {
    at: new Uint32Array(capacity),
    sent: new Uint16Array(capacity),
    received: new Uint16Array(capacity),
    minUs: new Uint32Array(capacity),
    avgUs: new Uint32Array(capacity),
    maxUs: new Uint32Array(capacity),
    jitterUs: new Uint32Array(capacity),
  };
}

/**
 * Checks the file as inspectSamplesFile does and, in the same pass, copies its records with
 * `from <= minute < to` into the series from index `into` on. One pass over the bytes: a year
 * is 12 MB, and reading it twice would double the cost of a load.
 */
export function decodeRangeInto(buf: Uint8Array, series: SampleSeries, into: number, from: number, to: number): { layout: SamplesLayout; copied: number } {
  return scan(buf, { series, into, from, to });
}

interface Output {
  series: SampleSeries;
  into: number;
  from: number;
  to: number;
}

function scan(buf: Uint8Array, out: Output | null): { layout: SamplesLayout; copied: number } {
  let count = Math.floor(buf.length / SAMPLE_SIZE);
  while (count > 0 && isZero(buf, (count - 1) * SAMPLE_SIZE)) count--;
  const view = viewOf(buf);
  const from = out?.from ?? 0;
  const to = out?.to ?? 0;
  let n = out?.into ?? 0;
  for (let i = 0, offset = 0; i < count; i++, offset += SAMPLE_SIZE) {
    const at = view.getUint32(offset);
    const sent = view.getUint16(offset + 4);
    const received = view.getUint16(offset + 6);
    const min = view.getUint32(offset + 8);
    const avg = view.getUint32(offset + 12);
    const max = view.getUint32(offset + 16);
    const jitter = view.getUint32(offset + 20);
    if (!isValidSample(at, sent, received, min, avg, max, jitter)) throw new ForeignSamplesError(offset);
    if (out === null || at < from || at >= to) continue;
    const s = out.series;
    s.at[n] = at;
    s.sent[n] = sent;
    s.received[n] = received;
    s.minUs[n] = min;
    s.avgUs[n] = avg;
    s.maxUs[n] = max;
    s.jitterUs[n] = jitter;
    n++;
  }
  return { layout: { count, validBytes: count * SAMPLE_SIZE }, copied: n - (out?.into ?? 0) };
}

function viewOf(buf: Uint8Array): DataView {
  return new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
}

function isZero(buf: Uint8Array, offset: number): boolean {
  for (let i = offset; i < offset + SAMPLE_SIZE; i++) if (buf[i] !== 0) return false;
  return true;
}

/** `samples_YYYY-MM.bin`, by the UTC month of the minute, so a month's file holds at most 44,640 records (1 MB). */
export function samplesFileName(unixSeconds: number): string {
  const d = new Date(unixSeconds * 1000);
  return `samples_${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}.bin`;
}

const FILE_NAME = /^samples_(\d{4})-(\d{2})\.bin$/;

/** The minutes a file's name says it holds, `[from, to)` in unix seconds; null for any other name. */
export function samplesFileSpan(name: string): { from: number; to: number } | null {
  const m = FILE_NAME.exec(name);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]) - 1;
  if (month < 0 || month > 11) return null;
  return { from: Date.UTC(year, month, 1) / 1000, to: Date.UTC(year, month + 1, 1) / 1000 };
}
