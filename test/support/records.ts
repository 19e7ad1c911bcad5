import { encodeV2, type Status } from '../../src/core/store/transition-record.js';

/** Builds a v2 log's bytes from [unixSeconds, status] pairs. */
export function v2Bytes(records: Array<[number, Status]>): Buffer {
  return Buffer.concat(records.map(([t, s]) => encodeV2(t, s)));
}

/** Builds a v1 (4-byte, `(t << 1) | up`) log's bytes. */
export function v1Bytes(records: Array<[number, boolean]>): Buffer {
  const out = Buffer.alloc(records.length * 4);
  records.forEach(([t, up], i) => out.writeUInt32BE(((t << 1) | (up ? 1 : 0)) >>> 0, i * 4));
  return out;
}
