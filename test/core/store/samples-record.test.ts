import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ForeignSamplesError, inspectSamplesFile, samplesFileName, samplesFileSpan } from '../../../src/core/store/samples-file.js';
import { NO_VALUE, SAMPLE_SIZE, encodeSample, type Sample } from '../../../src/core/store/samples-record.js';

const MINUTE = Date.UTC(2025, 9, 10, 12, 34) / 1000;

const sample = (change: Partial<Sample> = {}): Sample => ({
  at: MINUTE,
  sent: 30,
  received: 28,
  minMs: 11.2,
  avgMs: 12.3456,
  maxMs: 19.9,
  jitterMs: 1.25,
  ...change,
});

describe('a sample record', () => {
  it('is 24 bytes, big-endian, with times in whole microseconds', () => {
    const bytes = encodeSample(sample());
    assert.equal(bytes.length, SAMPLE_SIZE);
    assert.equal(bytes.readUInt32BE(0), MINUTE);
    assert.equal(bytes.readUInt16BE(4), 30);
    assert.equal(bytes.readUInt16BE(6), 28);
    assert.deepEqual([8, 12, 16, 20].map((o) => bytes.readUInt32BE(o)), [11_200, 12_346, 19_900, 1_250]);
  });

  it('marks a minute with no reply, and one without two replies in a round, with NO_VALUE', () => {
    const silent = encodeSample(sample({ received: 0, minMs: null, avgMs: null, maxMs: null, jitterMs: null }));
    assert.deepEqual([8, 12, 16, 20].map((o) => silent.readUInt32BE(o)), [NO_VALUE, NO_VALUE, NO_VALUE, NO_VALUE]);
    const single = encodeSample(sample({ received: 1, minMs: 5, avgMs: 5, maxMs: 5, jitterMs: null }));
    assert.equal(single.readUInt32BE(20), NO_VALUE);
  });

  it('keeps avg between min and max when a mean rounds past them', () => {
    const bytes = encodeSample(sample({ minMs: 0.1, avgMs: (0.1 + 0.1 + 0.1) / 3 + 1e-12, maxMs: 0.1 }));
    assert.equal(bytes.readUInt32BE(12), bytes.readUInt32BE(16));
  });

  it('refuses what no minute can hold', () => {
    assert.throws(() => encodeSample(sample({ at: MINUTE + 1 })), RangeError);
    assert.throws(() => encodeSample(sample({ at: 60 })), RangeError);
    assert.throws(() => encodeSample(sample({ sent: 0, received: 0 })), RangeError);
    assert.throws(() => encodeSample(sample({ received: 31 })), RangeError);
    assert.throws(() => encodeSample(sample({ sent: 70_000 })), RangeError);
    assert.throws(() => encodeSample(sample({ minMs: null })), RangeError);
    assert.throws(() => encodeSample(sample({ minMs: 30 })), RangeError);
  });
});

describe('a samples file', () => {
  const records = (n: number) => Buffer.concat(Array.from({ length: n }, (_, i) => encodeSample(sample({ at: MINUTE + 60 * i }))));

  it('is named by the UTC month of its minutes, and its name says which minutes it may hold', () => {
    assert.equal(samplesFileName(Date.UTC(2025, 11, 31, 23, 59) / 1000), 'samples_2025-12.bin');
    assert.equal(samplesFileName(Date.UTC(2026, 0, 1) / 1000), 'samples_2026-01.bin');
    assert.deepEqual(samplesFileSpan('samples_2025-12.bin'), { from: Date.UTC(2025, 11, 1) / 1000, to: Date.UTC(2026, 0, 1) / 1000 });
    assert.equal(samplesFileSpan('samples_2025-13.bin'), null);
    assert.equal(samplesFileSpan('uptime_2025-12.log'), null);
  });

  it('ends at the last whole record: a torn tail and zero-filled records are not part of it', () => {
    assert.deepEqual(inspectSamplesFile(Buffer.concat([records(3), Buffer.from([1, 2, 3])])), { count: 3, validBytes: 72 });
    assert.deepEqual(inspectSamplesFile(Buffer.concat([records(2), Buffer.alloc(SAMPLE_SIZE * 2 + 5)])), { count: 2, validBytes: 48 });
    assert.deepEqual(inspectSamplesFile(Buffer.alloc(10)), { count: 0, validBytes: 0 });
  });

  it('names the first record that no writer could have made', () => {
    const bytes = records(3);
    bytes.writeUInt16BE(99, SAMPLE_SIZE + 6); // received > sent
    assert.throws(() => inspectSamplesFile(bytes), (err: unknown) => err instanceof ForeignSamplesError && err.byteOffset === SAMPLE_SIZE);
    assert.throws(() => inspectSamplesFile(Buffer.from('this is a text file, not samples at all!\n')), ForeignSamplesError);
  });
});
