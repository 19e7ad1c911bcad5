import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ForeignFileError, decodeTransitionFile } from '../../../src/core/store/transition-file.js';
import { Status, decodeAt, encodeV2 } from '../../../src/core/store/transition-record.js';
import { v1Bytes, v2Bytes } from '../../support/records.js';

const T = 1_760_127_128; // 2025-10-10 20:12:08 UTC

describe('record codec', () => {
  it('packs (seconds << 2) | status into 5 big-endian bytes', () => {
    const bytes = encodeV2(T, Status.DOWN);
    assert.equal(bytes.length, 5);
    assert.equal(BigInt('0x' + bytes.toString('hex')), (BigInt(T) << 2n) | 1n);
    assert.deepEqual(decodeAt(bytes, 0, 'v2'), { unixSeconds: T, status: Status.DOWN });
  });

  it('reads the 4-byte format: (seconds << 1) | up', () => {
    const bytes = v1Bytes([[T, true], [T + 5, false]]);
    assert.deepEqual(decodeAt(bytes, 0, 'v1'), { unixSeconds: T, status: Status.UP });
    assert.deepEqual(decodeAt(bytes, 4, 'v1'), { unixSeconds: T + 5, status: Status.DOWN });
  });

  it('refuses a time that does not fit 38 bits', () => {
    assert.throws(() => encodeV2(2 ** 38, Status.UP), RangeError);
    assert.throws(() => encodeV2(-1, Status.UP), RangeError);
  });
});

describe('format detection', () => {
  it('tells v2 from v1 by the data when the size fits both (20 bytes: 4 v2 or 5 v1 records)', () => {
    const v2 = v2Bytes([[T, Status.STARTED], [T + 1, Status.UP], [T + 60, Status.DOWN], [T + 90, Status.UP]]);
    assert.equal(v2.length, 20);
    const a = decodeTransitionFile(v2);
    assert.equal(a.format, 'v2');
    assert.deepEqual([...a.statuses], [Status.STARTED, Status.UP, Status.DOWN, Status.UP]);

    const v1 = v1Bytes([[T, true], [T + 60, false], [T + 90, true], [T + 100, false], [T + 200, true]]);
    assert.equal(v1.length, 20);
    const b = decodeTransitionFile(v1);
    assert.equal(b.format, 'v1');
    assert.deepEqual([...b.times], [T, T + 60, T + 90, T + 100, T + 200]);
  });

  it('reads a v1 file whose size is a multiple of 5 as v1', () => {
    const v1 = v1Bytes(Array.from({ length: 10 }, (_, i): [number, boolean] => [T + i * 30, i % 2 === 0]));
    assert.equal(v1.length % 5, 0);
    assert.equal(decodeTransitionFile(v1).format, 'v1');
  });

  it('an empty file has no format and no records', () => {
    const f = decodeTransitionFile(Buffer.alloc(0));
    assert.equal(f.format, null);
    assert.equal(f.times.length, 0);
  });

  it('rejects a foreign file, naming the first bad record', () => {
    const text = Buffer.from('this is not a log file at all, just some text\n');
    assert.throws(() => decodeTransitionFile(text), ForeignFileError);
    const midBad = Buffer.concat([v2Bytes([[T, Status.UP]]), Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff]), v2Bytes([[T + 9, Status.DOWN]])]);
    assert.throws(() => decodeTransitionFile(midBad), /byte 5/);
  });
});

describe('torn tails', () => {
  const whole = v2Bytes([[T, Status.STARTED], [T + 2, Status.UP], [T + 50, Status.DOWN]]);

  for (let cut = 1; cut <= 4; cut++) {
    it(`ignores a v2 record cut after ${cut} byte(s), never misreading it`, () => {
      const torn = Buffer.concat([whole, encodeV2(T + 70, Status.UP).subarray(0, cut)]);
      const f = decodeTransitionFile(torn);
      assert.equal(f.format, 'v2');
      assert.deepEqual([...f.times], [T, T + 2, T + 50]);
      assert.equal(f.validBytes, whole.length);
    });
  }

  it('ignores a torn v1 record', () => {
    const v1 = v1Bytes([[T, true], [T + 10, false], [T + 20, true]]);
    const f = decodeTransitionFile(Buffer.concat([v1, Buffer.from([0x68, 0xe9])]));
    assert.equal(f.format, 'v1');
    assert.deepEqual([...f.times], [T, T + 10, T + 20]);
    assert.equal(f.validBytes, 12);
  });

  it('ignores trailing zero-filled records left by a power cut', () => {
    const f = decodeTransitionFile(Buffer.concat([whole, Buffer.alloc(12)]));
    assert.equal(f.times.length, 3);
    assert.equal(f.validBytes, whole.length);
  });

  it('a file holding only a torn first record has no records', () => {
    const f = decodeTransitionFile(encodeV2(T, Status.UP).subarray(0, 3));
    assert.equal(f.times.length, 0);
    assert.equal(f.validBytes, 0);
  });
});
