// Preloaded into a measured child process: on exit it appends its peak RSS (KiB) to the file
// named by NOM_BENCH_RSS_FILE. Kept out of the product; only benchmarks load it. Worker threads
// load it too (they inherit the preload): only the main thread reports, for the whole process.
import { appendFileSync } from 'node:fs';
import process from 'node:process';
import { isMainThread } from 'node:worker_threads';

if (isMainThread) {
  process.on('exit', () => {
    appendFileSync(process.env.NOM_BENCH_RSS_FILE, `${process.resourceUsage().maxRSS}\n`);
  });
}
