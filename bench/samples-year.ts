/**
 * Loading a year of one target's per-minute ping samples (525,600 records, 12 monthly files)
 * with the store's reader, against the goal "well under a second, under 100 ms". Time is
 * measured in this process (median of several loads, the files in the page cache as they are
 * on a running machine); peak memory in a child that does nothing but load them, beside the
 * same child that loads nothing, so the reader's share is told apart from Node's own.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { samplesFileName } from '../src/core/store/samples-file.js';
import { readSamples, sampleAt } from '../src/core/store/samples-reader.js';
import { SAMPLE_SIZE, encodeSample, type Sample } from '../src/core/store/samples-record.js';
import { median } from './support/measure.js';

const MINUTES = 365 * 24 * 60;
const RUNS = 7;
const GOAL_MS = 100;
const START = Date.UTC(2025, 0, 1) / 1000;
const ROOT = fileURLToPath(new URL('../', import.meta.url));
const READER = pathToFileURL(fileURLToPath(new URL('../src/core/store/samples-reader.ts', import.meta.url))).href;
const RSS_REPORTER = fileURLToPath(new URL('./support/report-maxrss.mjs', import.meta.url));

/** A plausible line: 10 requests a minute, now and then a lost one, and an outage every ten days. */
function sampleOf(i: number): Sample {
  const at = START + 60 * i;
  if (i % 14_400 < 30) return { at, sent: 10, received: 0, minMs: null, avgMs: null, maxMs: null, jitterMs: null };
  const base = 12 + (i % 9);
  return { at, sent: 10, received: i % 11 === 0 ? 9 : 10, minMs: base, avgMs: base + 2.5, maxMs: base + 9.25, jitterMs: 1.5 + (i % 4) };
}

function generate(dir: string): void {
  const byFile = new Map<string, Buffer[]>();
  for (let i = 0; i < MINUTES; i++) {
    const sample = sampleOf(i);
    const name = samplesFileName(sample.at);
    const list = byFile.get(name) ?? [];
    list.push(encodeSample(sample));
    byFile.set(name, list);
  }
  for (const [name, records] of byFile) writeFileSync(join(dir, name), Buffer.concat(records));
}

function check(dir: string): void {
  const series = readSamples(dir);
  if (series.at.length !== MINUTES) throw new Error(`read ${series.at.length} samples, wrote ${MINUTES}`);
  for (let i = 0; i < MINUTES; i += 997) {
    const got = JSON.stringify(sampleAt(series, i));
    const want = JSON.stringify(sampleOf(i));
    if (got !== want) throw new Error(`sample ${i}: got ${got}, want ${want}`);
  }
}

/** Peak RSS (MB) of a child that imports the reader and, when `load`, reads the whole folder. */
function childPeakMB(dir: string, load: boolean): number {
  const rssFile = join(dir, '..', `${dir.split('/').pop()}.rss`);
  const code = `const { readSamples } = await import(${JSON.stringify(READER)}); ${load ? 'readSamples(process.argv[1]);' : ''}`;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--import', RSS_REPORTER, '--input-type=module', '-e', code, dir], {
    cwd: ROOT,
    env: { ...process.env, NOM_BENCH_RSS_FILE: rssFile },
    encoding: 'utf8',
  });
  try {
    if (r.status !== 0) throw new Error(`the loading child failed: ${r.stderr}`);
    return Number(readFileSync(rssFile, 'utf8').trim()) / 1024;
  } finally {
    rmSync(rssFile, { force: true });
  }
}

export function benchSamplesYear(): void {
  console.log(`\n## ping samples: load a year (${MINUTES.toLocaleString('en')} minutes) of one target`);
  const dir = mkdtempSync(join(tmpdir(), 'nom-bench-samples-'));
  try {
    generate(dir);
    check(dir);
    const times = Array.from({ length: RUNS }, () => {
      const started = process.hrtime.bigint();
      readSamples(dir);
      return Number(process.hrtime.bigint() - started) / 1e6;
    });
    const ms = median(times);
    const loaded = childPeakMB(dir, true);
    const bare = childPeakMB(dir, false);
    const fileMB = (MINUTES * SAMPLE_SIZE) / 2 ** 20;
    console.log(`output checked: ${MINUTES.toLocaleString('en')} samples, every 997th equal to what was written`);
    console.log(`time (median of ${RUNS}): ${ms.toFixed(1)} ms   (fastest ${Math.min(...times).toFixed(1)} ms, slowest ${Math.max(...times).toFixed(1)} ms)   goal: < ${GOAL_MS} ms`);
    console.log(`peak memory: ${loaded.toFixed(1)} MB loading, ${bare.toFixed(1)} MB for the same process loading nothing (+${(loaded - bare).toFixed(1)} MB); files ${fileMB.toFixed(1)} MB`);
    if (ms >= GOAL_MS) console.log(`GOAL MISSED: ${ms.toFixed(1)} ms >= ${GOAL_MS} ms`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
