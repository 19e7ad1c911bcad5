// Preloaded (`--import`, or NODE_OPTIONS, which --cpu-prof is not allowed in) into a measured
// process: samples its CPU with the inspector and, on exit, writes the profile to the folder named
// by NOM_BENCH_CPU_PROF as <script>-<pid>.cpuprofile. Kept out of the product; only benchmarks load it.
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { basename, join } from 'node:path';
import process from 'node:process';

const dir = process.env.NOM_BENCH_CPU_PROF;
if (dir) {
  const session = new Session();
  session.connect();
  session.post('Profiler.enable');
  session.post('Profiler.start');
  process.on('exit', () => {
    // Inspector messages to a session in the same thread are answered synchronously.
    session.post('Profiler.stop', (error, result) => {
      if (!error) writeFileSync(join(dir, `${basename(process.argv[1] ?? 'node')}-${process.pid}.cpuprofile`), JSON.stringify(result.profile));
    });
  });
}
