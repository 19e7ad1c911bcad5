// Preloaded into a measured child process: on exit it appends its peak RSS (KiB) to the file
// named by NOM_BENCH_RSS_FILE. Kept out of the product; only benchmarks load it.
import { appendFileSync } from 'node:fs';
import process from 'node:process';

process.on('exit', () => {
  appendFileSync(process.env.NOM_BENCH_RSS_FILE, `${process.resourceUsage().maxRSS}\n`);
});
