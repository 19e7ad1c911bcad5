/**
 * network-outage-monitor's record formats.
 *
 * v2 (current): 5 bytes big-endian, `(unix_seconds << 2) | status`.
 * v1 (older):   4 bytes big-endian, `(unix_seconds << 1) | up`, up = 1.
 *
 * A file carries no header, so its format is told from the data: read either way, the wrong
 * interpretation puts timestamps in 1970 (v2 read as v1) or thousands of years ahead (v1 read
 * as v2), while the right one puts every record inside PLAUSIBLE_RANGE.
 */
export const Status = { UP: 0, DOWN: 1, STARTED: 2, STOPPED: 3 } as const;
export type Status = (typeof Status)[keyof typeof Status];

export const STATUS_NAMES = ['UP', 'DOWN', 'STARTED', 'STOPPED'] as const;

export type RecordFormat = 'v1' | 'v2';

export const RECORD_SIZE: Record<RecordFormat, number> = { v1: 4, v2: 5 };

/** 2000-01-01 to 2100-01-01 UTC: any real monitoring record falls in here. */
export const PLAUSIBLE_RANGE = { from: 946_684_800, to: 4_102_444_800 } as const;

/** The v2 writer's limit: 38 bits of seconds. */
const MAX_V2_SECONDS = 2 ** 38 - 1;

export function encodeV2(unixSeconds: number, status: Status): Buffer {
  if (!Number.isInteger(unixSeconds) || unixSeconds < 0 || unixSeconds > MAX_V2_SECONDS) {
    throw new RangeError(`timestamp ${unixSeconds} does not fit a 5-byte record`);
  }
  const out = Buffer.alloc(5);
  // 40-bit value: the top 8 bits in byte 0, the low 32 bits in bytes 1..4.
  const value = unixSeconds * 4 + status;
  out[0] = Math.floor(value / 2 ** 32);
  out.writeUInt32BE(value % 2 ** 32, 1);
  return out;
}

export interface DecodedRecord {
  unixSeconds: number;
  status: Status;
}

export function decodeAt(buf: Uint8Array, offset: number, format: RecordFormat): DecodedRecord {
  if (format === 'v2') {
    const hi = buf[offset]!;
    const lo = ((buf[offset + 1]! << 24) | (buf[offset + 2]! << 16) | (buf[offset + 3]! << 8) | buf[offset + 4]!) >>> 0;
    const value = hi * 2 ** 32 + lo;
    return { unixSeconds: Math.floor(value / 4), status: (lo & 3) as Status };
  }
  const value = ((buf[offset]! << 24) | (buf[offset + 1]! << 16) | (buf[offset + 2]! << 8) | buf[offset + 3]!) >>> 0;
  return { unixSeconds: value >>> 1, status: value & 1 ? Status.UP : Status.DOWN };
}

export function isPlausible(unixSeconds: number): boolean {
  return unixSeconds >= PLAUSIBLE_RANGE.from && unixSeconds < PLAUSIBLE_RANGE.to;
}
