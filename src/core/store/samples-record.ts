import { PLAUSIBLE_RANGE } from './transition-record.js';

/**
 * The ping monitor's per-minute sample record (docs/samples-format.md). 24 bytes, big-endian,
 * no file header, appended whole:
 *
 *   offset size  field
 *        0    4  minute    u32  start of the UTC minute, unix seconds (a multiple of 60)
 *        4    2  sent      u16  echo requests sent in the minute
 *        6    2  received  u16  replies received (never more than sent)
 *        8    4  min       u32  smallest round-trip time, microseconds
 *       12    4  avg       u32  mean round-trip time over every reply, microseconds
 *       16    4  max       u32  largest round-trip time, microseconds
 *       20    4  jitter    u32  mean absolute difference of consecutive round-trip times within
 *                               each round (as icmplib computes it), microseconds
 *
 * NO_VALUE (0xFFFFFFFF) in min/avg/max means no reply came back; in jitter, that no round had
 * two replies. Microsecond integers keep the record exact and free of float rounding; 32 bits
 * hold 71 minutes, far beyond the longest wait for a reply (60 s).
 */
export const SAMPLE_SIZE = 24;
export const NO_VALUE = 0xffff_ffff;
const MAX_US = NO_VALUE - 1;
const MAX_COUNT = 0xffff;

/** One minute of one target, as the monitor hands it to the store. Times in milliseconds. */
export interface Sample {
  /** Start of the UTC minute, unix seconds. */
  at: number;
  sent: number;
  received: number;
  /** null when no reply came back. */
  minMs: number | null;
  avgMs: number | null;
  maxMs: number | null;
  /** null when no round had two replies. */
  jitterMs: number | null;
}

export function encodeSample(sample: Sample): Buffer {
  const { at, sent, received } = sample;
  if (!Number.isInteger(at) || at % 60 !== 0 || at < PLAUSIBLE_RANGE.from || at >= PLAUSIBLE_RANGE.to) {
    throw new RangeError(`${at} is not the start of a minute between 2000 and 2100`);
  }
  if (!isCount(sent) || sent === 0 || !isCount(received) || received > sent) {
    throw new RangeError(`sent ${sent}, received ${received}: not counts of one minute`);
  }
  const rtt = received > 0;
  if (rtt && (sample.minMs === null || sample.avgMs === null || sample.maxMs === null)) {
    throw new RangeError(`${received} replies but no round-trip times`);
  }
  const out = Buffer.alloc(SAMPLE_SIZE);
  out.writeUInt32BE(at, 0);
  out.writeUInt16BE(sent, 4);
  out.writeUInt16BE(received, 6);
  const min = rtt ? micros(sample.minMs) : NO_VALUE;
  const max = rtt ? micros(sample.maxMs) : NO_VALUE;
  if (min > max) throw new RangeError(`smallest round-trip time ${sample.minMs} ms above the largest ${sample.maxMs} ms`);
  // A mean of equal times can land a rounding step beyond them; the record keeps min <= avg <= max.
  const avg = rtt ? Math.min(max, Math.max(min, micros(sample.avgMs))) : NO_VALUE;
  out.writeUInt32BE(min, 8);
  out.writeUInt32BE(avg, 12);
  out.writeUInt32BE(max, 16);
  out.writeUInt32BE(rtt ? micros(sample.jitterMs) : NO_VALUE, 20);
  return out;
}

/**
 * Whether a record's fields can be what the writer made. A reader trusts nothing else: a record
 * failing this before the tail means the file is not ours.
 */
export function isValidSample(at: number, sent: number, received: number, min: number, avg: number, max: number, jitter: number): boolean {
  if (at % 60 !== 0 || at < PLAUSIBLE_RANGE.from || at >= PLAUSIBLE_RANGE.to) return false;
  if (sent === 0 || received > sent) return false;
  if (received === 0) return min === NO_VALUE && avg === NO_VALUE && max === NO_VALUE && jitter === NO_VALUE;
  return min <= avg && avg <= max && max !== NO_VALUE;
}

function micros(ms: number | null): number {
  if (ms === null) return NO_VALUE;
  if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`${ms} ms is not a round-trip time`);
  return Math.min(MAX_US, Math.round(ms * 1000));
}

/** A stored time in milliseconds; null for NO_VALUE. */
export function millis(us: number): number | null {
  return us === NO_VALUE ? null : us / 1000;
}

function isCount(n: number): boolean {
  return Number.isInteger(n) && n >= 0 && n <= MAX_COUNT;
}
