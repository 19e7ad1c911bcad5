/**
 * Summarises a V8 .cpuprofile (from `node --cpu-prof`): self time per file and per function,
 * leaving out idle time. Optionally only the samples from `--from` seconds into the profile on,
 * to skip start-up.
 *
 *   node --import tsx bench/support/cpuprofile-summary.ts FILE.cpuprofile [--from 20] [--top 25]
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  /** Seconds covered by the samples counted, and the CPU time (non-idle) among them. */
  wallSeconds: number;
  busySeconds: number;
  byFile: Array<[string, number]>;
  byFunction: Array<[string, number]>;
}

const REPO = fileURLToPath(new URL('../../', import.meta.url));

function fileOf(url: string): string {
  if (url === '') return '(native / VM)';
  const path = url.replace(/^file:\/\//, '');
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
  if (pkg) return `npm:${pkg[1]}`;
  if (path.startsWith('node:')) return path;
  return path.startsWith(REPO) ? path.slice(REPO.length) : path;
}

export function summariseProfile(profile: CpuProfile, fromSeconds = 0): ProfileSummary {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const byFile = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let t = profile.startTime;
  let wall = 0;
  let busy = 0;
  const from = profile.startTime + fromSeconds * 1e6;
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    t += delta;
    if (t < from) return;
    wall += delta;
    const frame = nodes.get(id)?.callFrame;
    if (!frame || frame.functionName === '(idle)') return;
    busy += delta;
    const file = frame.functionName.startsWith('(') ? frame.functionName : fileOf(frame.url);
    byFile.set(file, (byFile.get(file) ?? 0) + delta);
    const fn = `${frame.functionName || '(anonymous)'} ${file}:${frame.lineNumber + 1}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + delta);
  });
  const sorted = (m: Map<string, number>): Array<[string, number]> => [...m].sort((a, b) => b[1] - a[1]).map(([k, v]) => [k, v / 1e6]);
  return { wallSeconds: wall / 1e6, busySeconds: busy / 1e6, byFile: sorted(byFile), byFunction: sorted(byFunction) };
}

function main(argv: string[]): void {
  const file = argv[0];
  if (file === undefined) throw new Error('usage: cpuprofile-summary.ts FILE.cpuprofile [--from SECONDS] [--top N]');
  const option = (name: string, fallback: number): number => {
    const at = argv.indexOf(name);
    return at >= 0 ? Number(argv[at + 1]) : fallback;
  };
  const top = option('--top', 25);
  const s = summariseProfile(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile, option('--from', 0));
  const share = (seconds: number): string => `${((seconds / s.wallSeconds) * 100).toFixed(2).padStart(6)} % of a core`;
  console.log(`${file}: ${s.wallSeconds.toFixed(1)} s sampled, busy ${share(s.busySeconds)}`);
  console.log('\nself time by file:');
  for (const [name, seconds] of s.byFile.slice(0, top)) console.log(`${share(seconds)}  ${name}`);
  console.log('\nself time by function:');
  for (const [name, seconds] of s.byFunction.slice(0, top)) console.log(`${share(seconds)}  ${name}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main(process.argv.slice(2));
