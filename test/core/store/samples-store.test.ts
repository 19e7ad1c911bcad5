import assert from 'node:assert/strict';
import { appendFileSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { UserError } from '../../../src/core/errors.js';
import { samplesFileName } from '../../../src/core/store/samples-file.js';
import { readSamples, sampleAt } from '../../../src/core/store/samples-reader.js';
import { SAMPLE_SIZE, encodeSample, type Sample } from '../../../src/core/store/samples-record.js';
import { SamplesWriter } from '../../../src/core/store/samples-writer.js';
import { tempDir, treeDigest } from '../../support/tmp.js';

const OCT_31_2359 = Date.UTC(2025, 9, 31, 23, 59) / 1000;

function sampleOf(at: number, i = 0): Sample {
  const lost = i % 7 === 0;
  return lost
    ? { at, sent: 6, received: 0, minMs: null, avgMs: null, maxMs: null, jitterMs: null }
    : { at, sent: 6, received: 5, minMs: 10 + (i % 5), avgMs: 15 + (i % 5), maxMs: 30 + (i % 5), jitterMs: i % 3 === 0 ? null : 2.5 };
}

function writeAll(dir: string, samples: Sample[]): void {
  const writer = new SamplesWriter(dir);
  for (const s of samples) writer.append(s);
}

const readAll = (dir: string, range?: { from: number; to: number }): Sample[] => {
  const series = readSamples(dir, range);
  return Array.from({ length: series.at.length }, (_, i) => sampleAt(series, i));
};

describe('writing and reading samples', () => {
  it('gives back what was written, across a month boundary, one file per UTC month', () => {
    const dir = tempDir();
    const samples = [0, 1, 2, 3].map((i) => sampleOf(OCT_31_2359 + 60 * i, i));
    writeAll(dir, samples);
    assert.deepEqual(readdirSync(dir).sort(), ['samples_2025-10.bin', 'samples_2025-11.bin']);
    assert.equal(statSync(join(dir, 'samples_2025-11.bin')).size, 3 * SAMPLE_SIZE);
    assert.deepEqual(readAll(dir), samples);
  });

  it('creates the target folder beside nothing else, and leaves updown files alone', () => {
    const data = tempDir();
    const dir = join(data, 'isp');
    writeAll(dir, [sampleOf(OCT_31_2359, 1)]);
    writeFileSync(join(dir, 'uptime_2025-10.log'), 'not touched');
    writeAll(dir, [sampleOf(OCT_31_2359 + 60, 2)]);
    assert.equal(readFileSync(join(dir, 'uptime_2025-10.log'), 'utf8'), 'not touched');
    assert.equal(readAll(dir).length, 2);
  });

  it('reads only the minutes in [from, to)', () => {
    const dir = tempDir();
    const samples = Array.from({ length: 10 }, (_, i) => sampleOf(OCT_31_2359 + 60 * i, i));
    writeAll(dir, samples);
    const t = (i: number) => OCT_31_2359 + 60 * i;
    assert.deepEqual(readAll(dir, { from: t(2), to: t(5) }), samples.slice(2, 5));
    assert.deepEqual(readAll(dir, { from: t(0) + 1, to: t(1) + 1 }), samples.slice(1, 2), 'a minute counts by its start');
    assert.deepEqual(readAll(dir, { from: t(0), to: t(0) }), [], 'an empty range');
    assert.deepEqual(readAll(dir, { from: t(5), to: t(2) }), [], 'a range that ends before it starts');
    assert.deepEqual(readAll(dir, { from: t(100), to: t(200) }), [], 'after the last sample');
    assert.deepEqual(readAll(dir, { from: 0, to: t(0) }), [], 'before the first sample');
  });

  it('reads nothing, without complaint, from a folder that has no samples or does not exist', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'uptime_2025-10.log'), Buffer.alloc(5));
    assert.equal(readSamples(dir).at.length, 0);
    assert.equal(readSamples(join(dir, 'missing')).at.length, 0);
  });

  it('puts a minute written after a later one (the clock stepped back) in its place', () => {
    const dir = tempDir();
    const [a, b, c] = [sampleOf(OCT_31_2359 - 120, 1), sampleOf(OCT_31_2359 - 60, 2), sampleOf(OCT_31_2359, 3)];
    writeAll(dir, [a, c, b]);
    assert.deepEqual(readAll(dir), [a, b, c]);
  });
});

describe('a crash in the middle of an append', () => {
  const tornDir = (): { dir: string; file: string; samples: Sample[] } => {
    const dir = tempDir();
    const samples = [0, 1, 2].map((i) => sampleOf(OCT_31_2359 - 600 + 60 * i, i + 1));
    writeAll(dir, samples);
    const file = join(dir, samplesFileName(OCT_31_2359));
    appendFileSync(file, encodeSample(sampleOf(OCT_31_2359 - 420, 9)).subarray(0, 11));
    return { dir, file, samples };
  };

  it('leaves a torn tail that readers skip without touching the file', () => {
    const { dir, samples } = tornDir();
    const before = treeDigest(dir);
    assert.deepEqual(readAll(dir), samples);
    assert.equal(treeDigest(dir), before);
  });

  it('is repaired by the next writer, whose record starts on a record boundary', () => {
    const { dir, file, samples } = tornDir();
    const next = sampleOf(OCT_31_2359 - 300, 4);
    writeAll(dir, [next]);
    assert.equal(statSync(file).size, 4 * SAMPLE_SIZE);
    assert.deepEqual(readAll(dir), [...samples, next]);
  });

  it('also covers the zero-filled records a power cut can leave', () => {
    const dir = tempDir();
    const first = sampleOf(OCT_31_2359 - 60, 1);
    writeAll(dir, [first]);
    appendFileSync(join(dir, samplesFileName(OCT_31_2359)), Buffer.alloc(3 * SAMPLE_SIZE));
    assert.deepEqual(readAll(dir), [first]);
    const next = sampleOf(OCT_31_2359, 2);
    writeAll(dir, [next]);
    assert.deepEqual(readAll(dir), [first, next]);
  });
});

describe('a file that is not samples', () => {
  it('is named with the byte offset by the reader, and never appended to by the writer', () => {
    const dir = tempDir();
    const file = join(dir, samplesFileName(OCT_31_2359));
    const bytes = Buffer.concat([encodeSample(sampleOf(OCT_31_2359 - 60, 1)), Buffer.from('hello, this is not a sample record')]);
    writeFileSync(file, bytes);
    assert.throws(() => readSamples(dir), (err: unknown) => err instanceof UserError && err.message.includes(file) && err.message.includes('byte 24'));
    assert.throws(() => writeAll(dir, [sampleOf(OCT_31_2359, 2)]), (err: unknown) => err instanceof UserError && /refusing to append/.test(err.message));
    assert.deepEqual(readFileSync(file), bytes);
  });

  it('outside the range asked for is not read at all', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'samples_2024-01.bin'), 'garbage garbage garbage garbage');
    writeAll(dir, [sampleOf(OCT_31_2359, 1)]);
    assert.equal(readSamples(dir, { from: OCT_31_2359, to: OCT_31_2359 + 60 }).at.length, 1);
  });
});

describe('a year of samples', () => {
  it('reads back all 525,600 minutes in order, and any day of them', () => {
    const dir = tempDir();
    const start = Date.UTC(2025, 0, 1) / 1000;
    const minutes = 365 * 24 * 60;
    const byFile = new Map<string, Buffer[]>();
    for (let i = 0; i < minutes; i++) {
      const at = start + 60 * i;
      const name = samplesFileName(at);
      const list = byFile.get(name) ?? [];
      list.push(encodeSample(sampleOf(at, i)));
      byFile.set(name, list);
    }
    for (const [name, records] of byFile) writeFileSync(join(dir, name), Buffer.concat(records));
    assert.equal(byFile.size, 12);

    const all = readSamples(dir);
    assert.equal(all.at.length, minutes);
    assert.equal(all.at[0], start);
    assert.equal(all.at[minutes - 1], start + 60 * (minutes - 1));
    for (const i of [0, 1, 44_639, 44_640, 300_000, minutes - 1]) assert.deepEqual(sampleAt(all, i), sampleOf(start + 60 * i, i));

    const day = Date.UTC(2025, 6, 4) / 1000;
    const july4 = readSamples(dir, { from: day, to: day + 86_400 });
    assert.equal(july4.at.length, 1440);
    assert.equal(july4.at[0], day);
  });
});
