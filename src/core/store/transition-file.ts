import { RECORD_SIZE, decodeAt, isPlausible, type RecordFormat } from './transition-record.js';

/** What a file holds, told from its bytes alone. */
export interface FileLayout {
  /** null when the file holds no whole record yet. */
  format: RecordFormat | null;
  count: number;
  /** Bytes that belong to whole, valid records; anything after is a torn tail. */
  validBytes: number;
}

/** One file's records, in file order. */
export interface TransitionFile extends FileLayout {
  times: Float64Array;
  statuses: Uint8Array;
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
 * Tells a file's format from its data. A torn tail (a crash in the middle of an append) and
 * trailing all-zero records (what some filesystems leave after a power cut) fall outside
 * validBytes; a record with an impossible time anywhere else means the file is not ours.
 */
export function inspectTransitionFile(buf: Uint8Array): FileLayout {
  const v2 = tryFormat(buf, 'v2');
  if (v2.ok) return v2.layout;
  const v1 = tryFormat(buf, 'v1');
  if (v1.ok) return v1.layout;
  if (v2.wholeRecords === 0 && v1.wholeRecords === 0) return { format: null, count: 0, validBytes: 0 };
  throw new ForeignFileError(Math.max(v2.badOffset, v1.badOffset));
}

/** Decodes a file's records into the arrays from index `at` on; the layout comes from inspectTransitionFile. */
export function decodeInto(buf: Uint8Array, layout: FileLayout, times: Float64Array, statuses: Uint8Array, at: number): void {
  if (layout.format === null) return;
  const size = RECORD_SIZE[layout.format];
  for (let i = 0; i < layout.count; i++) {
    const record = decodeAt(buf, i * size, layout.format);
    times[at + i] = record.unixSeconds;
    statuses[at + i] = record.status;
  }
}

export function decodeTransitionFile(buf: Uint8Array): TransitionFile {
  const layout = inspectTransitionFile(buf);
  const times = new Float64Array(layout.count);
  const statuses = new Uint8Array(layout.count);
  decodeInto(buf, layout, times, statuses, 0);
  return { ...layout, times, statuses };
}

type Attempt = { ok: true; layout: FileLayout } | { ok: false; wholeRecords: number; badOffset: number };

function tryFormat(buf: Uint8Array, format: RecordFormat): Attempt {
  const size = RECORD_SIZE[format];
  let count = Math.floor(buf.length / size);
  while (count > 0 && isZeroRecord(buf, (count - 1) * size, size)) count--;
  if (count === 0) return { ok: false, wholeRecords: 0, badOffset: 0 };
  for (let i = 0; i < count; i++) {
    if (!isPlausible(decodeAt(buf, i * size, format).unixSeconds)) {
      return { ok: false, wholeRecords: count, badOffset: i * size };
    }
  }
  return { ok: true, layout: { format, count, validBytes: count * size } };
}

function isZeroRecord(buf: Uint8Array, offset: number, size: number): boolean {
  for (let i = offset; i < offset + size; i++) if (buf[i] !== 0) return false;
  return true;
}
