import { RECORD_SIZE, decodeAt, isPlausible, type RecordFormat } from './transition-record.js';

/** One file's records, in file order, and how much of it is whole. */
export interface TransitionFile {
  /** null when the file holds no whole record yet. */
  format: RecordFormat | null;
  times: Float64Array;
  statuses: Uint8Array;
  /** Bytes that belong to whole, valid records; anything after is a torn tail. */
  validBytes: number;
}

export class ForeignFileError extends Error {
  constructor(readonly byteOffset: number) {
    super(
      `not a network-outage-monitor log: the record at byte ${byteOffset} holds no plausible time in either the 5-byte or the 4-byte format`,
    );
    this.name = 'ForeignFileError';
  }
}

/**
 * Decodes one file. A torn tail (a crash in the middle of an append) and trailing all-zero
 * records (what some filesystems leave after a power cut) are left out and reported through
 * validBytes; a record with an impossible time anywhere else means the file is not ours.
 */
export function decodeTransitionFile(buf: Uint8Array): TransitionFile {
  const v2 = tryFormat(buf, 'v2');
  if (v2.ok) return v2.file;
  const v1 = tryFormat(buf, 'v1');
  if (v1.ok) return v1.file;
  if (v2.wholeRecords === 0 && v1.wholeRecords === 0) {
    return { format: null, times: new Float64Array(0), statuses: new Uint8Array(0), validBytes: 0 };
  }
  throw new ForeignFileError(Math.max(v2.badOffset, v1.badOffset));
}

type Attempt =
  | { ok: true; file: TransitionFile }
  | { ok: false; wholeRecords: number; badOffset: number };

function tryFormat(buf: Uint8Array, format: RecordFormat): Attempt {
  const size = RECORD_SIZE[format];
  let count = Math.floor(buf.length / size);
  while (count > 0 && isZeroRecord(buf, (count - 1) * size, size)) count--;
  if (count === 0) return { ok: false, wholeRecords: 0, badOffset: 0 };

  const times = new Float64Array(count);
  const statuses = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    const record = decodeAt(buf, i * size, format);
    if (!isPlausible(record.unixSeconds)) return { ok: false, wholeRecords: count, badOffset: i * size };
    times[i] = record.unixSeconds;
    statuses[i] = record.status;
  }
  return { ok: true, file: { format, times, statuses, validBytes: count * size } };
}

function isZeroRecord(buf: Uint8Array, offset: number, size: number): boolean {
  for (let i = offset; i < offset + size; i++) if (buf[i] !== 0) return false;
  return true;
}
