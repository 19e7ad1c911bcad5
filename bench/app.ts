/**
 * The desktop app's main process (issue 12): its memory with the window closed and 4 targets
 * monitored, beside the helper's, and the time from a confirmed transition to the tray's new
 * image. The main process is startApp (src/main/app.ts) under Node on the shared Electron fake
 * (support/app-under-node.ts), in the lab's client namespace, with the real runtime, settings
 * and helper; Electron itself cannot run here, so its own runtime is not in the figures.
 *
 * The app probes with `icmp`, i.e. through the privileged helper (it runs as root here, as the
 * app does on a desktop once the helper has its privilege); NOM_BENCH_APP_PROBE=auto gives the
 * desktop's own order instead (the system ping first). Needs root (network namespaces) and a
 * build (the helper runs from dist/). Goals are printed beside the figures: a missed goal is a
 * figure; the bench fails only when something does not work (a cut not seen, no new image).
 */
import type { ChildProcess } from 'node:child_process';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { readTransitionDir } from '../src/core/store/transition-log.js';
import { STATUS_NAMES } from '../src/core/store/transition-record.js';
import { Lab } from '../test/lab/lab.js';
import { LAB_ADDRESSES } from '../test/lab/topology.js';
import { APP_PROBES, appLine, type AppLine, type AppProbe } from './support/app-under-node.js';
import { median } from './support/measure.js';
import { childPids, memory, type Memory } from './support/proc-usage.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const CHILD = fileURLToPath(new URL('./support/app-under-node.ts', import.meta.url));
const HELPER = join(ROOT, 'dist/helper/main.js');
const ADDRESSES = [LAB_ADDRESSES.target, ...LAB_ADDRESSES.spare.slice(0, 3)];
const GOAL_MAIN_MB = 120;
const GOAL_IMAGE_MS = 200;
const CUTS = 5;
/** Each cut is long enough to be confirmed (DOWN is known within 3 s), and so is each pause after it. */
const CUT_MS = 6_000;
const UP_MS = 6_000;
const SETTLE_MS = 20_000;
const READY_TIMEOUT_MS = 60_000;
/** After a change of the connection's state, how long the tray has to show it before the bench calls it broken. */
const IMAGE_TIMEOUT_MS = 5_000;
const STOP_TIMEOUT_MS = 15_000;
const HARD_LIMIT_MS = 4 * 60_000;

type Line<K extends AppLine['kind']> = Extract<AppLine, { kind: K }>;

interface ChildRun {
  readonly child: ChildProcess;
  readonly lines: AppLine[];
  readonly stderr: string[];
  next<K extends AppLine['kind']>(kind: K, timeoutMs: number, where?: (line: Line<K>) => boolean): Promise<Line<K>>;
  tail(): string;
}

interface Process {
  pid: number;
  what: string;
  memory: Memory;
}

export async function benchApp(): Promise<void> {
  const probe = probeChoice();
  console.log(`\n## the desktop app's main process: memory with the window closed and ${ADDRESSES.length} targets monitored, and a confirmed transition → the tray's new image`);
  const missing = missingPrerequisite();
  if (missing !== null) {
    console.log(`skipped: ${missing}`);
    return;
  }
  console.log('what runs: startApp (src/main/app.ts) under Node 20 on the shared Electron fake, started hidden (--hidden: no window, the tray only),');
  console.log('  with the real runtime (composeRuntime, the desktop probe order of helper-launch.ts), settings in a conf store, in the lab\'s client namespace.');
  console.log("  Not Electron: its own runtime (Chromium's browser process, its own V8 and Node) adds a baseline of its own to the main process, which cannot be measured here.");
  console.log(
    probe === 'icmp'
      ? `probe: icmp, through the privileged ICMP helper (node --optimize-for-size dist/helper/main.js, as a development run starts it; root here, so no pkexec)`
      : 'probe: auto, the desktop order (the system ping first, then the helper)',
  );
  const work = mkdtempSync(join(tmpdir(), 'nom-bench-app-'));
  let lab: Lab | undefined;
  let overTime = false;
  const guard = setTimeout(() => {
    overTime = true;
    console.error(`over the ${HARD_LIMIT_MS / 60_000} min limit: tearing the lab down`);
    void lab?.destroy();
  }, HARD_LIMIT_MS);
  try {
    lab = await Lab.create({ name: 'app' });
    const run = startChild(lab, work, probe);
    const ready = await run.next('ready', READY_TIMEOUT_MS);
    console.log(`app: ${ready.source}; probing: ${ready.probing.ok ? ready.probing.detail : `FAILED: ${ready.probing.detail}`}`);
    if (!ready.probing.ok) throw new Error(`the app cannot probe: ${ready.probing.detail}`);
    await allUp(run);
    console.log(`all ${ADDRESSES.length} targets UP (${ADDRESSES.join(', ')}, every second); settling ${SETTLE_MS / 1000} s`);

    const idle = startIdleBaselines();
    await sleep(SETTLE_MS);
    reportMemory(ready.pid, await heapOf(run), idle);

    // The app's times are on its own clock: the cuts begin after the lines it has printed so far.
    const cutsFrom = run.lines.length;
    const loadBeforeCuts = load();
    for (let i = 0; i < CUTS; i++) {
      await lab.linkDown('wan');
      await sleep(CUT_MS);
      await lab.linkUp('wan');
      await sleep(UP_MS);
    }
    console.log(`machine: ${cpus().length} CPUs, load average ${loadBeforeCuts} before the cuts, ${load()} after (other work on the machine delays the app's event loop too)`);
    const failed = reportLatency(run.lines.slice(cutsFrom), connectionChanges(run.lines).filter((c) => c.index >= cutsFrom));

    run.child.stdin?.write('quit\n');
    await run.next('stopped', STOP_TIMEOUT_MS);
    const warnings = run.stderr.filter((line) => / (WARN|ERROR) /.test(line));
    if (warnings.length > 0) console.log(`app warnings: ${warnings.length}, e.g. ${warnings.slice(0, 3).join(' | ')}`);
    const unstopped = ADDRESSES.map((_, i) => `target${i + 1}`).filter((name) => lastStatus(join(work, 'data', name)) !== 'STOPPED');
    const stopOk = unstopped.length === 0;
    console.log(`quit: the app ended, every target's log ends in STOPPED   ${stopOk ? 'ok' : `FAILED: not for ${unstopped.join(', ')}`}`);
    if (failed || !stopOk || overTime) process.exitCode = 1;
  } catch (error) {
    process.exitCode = 1;
    console.log(`FAILED: ${overTime ? 'over time: ' : ''}${error instanceof Error ? error.message : String(error)}`);
  } finally {
    clearTimeout(guard);
    await lab?.destroy();
    rmSync(work, { recursive: true, force: true });
  }
}

/** The 1-minute load average. */
function load(): string {
  return loadavg()[0]!.toFixed(2);
}

function lastStatus(dir: string): string | undefined {
  const { statuses } = readTransitionDir(dir);
  const last = statuses.at(-1);
  return last === undefined ? undefined : STATUS_NAMES[last];
}

function probeChoice(): AppProbe {
  const asked = process.env.NOM_BENCH_APP_PROBE ?? 'icmp';
  if (!(APP_PROBES as readonly string[]).includes(asked)) throw new Error(`NOM_BENCH_APP_PROBE must be ${APP_PROBES.join(' or ')}, not ${JSON.stringify(asked)}`);
  return asked as AppProbe;
}

function missingPrerequisite(): string | null {
  if (process.getuid?.() !== 0) return 'needs root for network namespaces';
  for (const tool of ['ip', 'nft']) {
    try {
      execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore', timeout: 5_000 });
    } catch {
      return `needs ${tool}`;
    }
  }
  if (!existsSync(HELPER)) return `${HELPER} is missing: run "npm run build" first`;
  return null;
}

function startChild(lab: Lab, work: string, probe: AppProbe): ChildRun {
  const child = lab.spawn('client', process.execPath, ['--import', 'tsx', CHILD, work, probe, ...ADDRESSES], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
  const lines: AppLine[] = [];
  const stderr: string[] = [];
  const waiters = new Set<() => void>();
  const wake = (): void => {
    for (const waiter of waiters) waiter();
  };
  createInterface({ input: child.stdout! }).on('line', (text) => {
    const parsed = appLine.safeParse(safeJson(text));
    if (parsed.success) lines.push(parsed.data);
    else stderr.push(`(not a line of the app: ${text.slice(0, 200)})`);
    wake();
  });
  createInterface({ input: child.stderr! }).on('line', (text) => void (stderr.length < 10_000 && stderr.push(text)));
  child.once('exit', wake);
  const tail = (): string => `--- the app's last lines ---\n${stderr.slice(-15).join('\n')}`;
  const next = <K extends AppLine['kind']>(kind: K, timeoutMs: number, where: (line: Line<K>) => boolean = () => true): Promise<Line<K>> =>
    new Promise((resolve, reject) => {
      const find = (): Line<K> | undefined => lines.find((line): line is Line<K> => line.kind === kind && where(line as Line<K>));
      const check = (): void => {
        const found = find();
        if (found) finish(() => resolve(found));
        else if (child.exitCode !== null || child.signalCode !== null) finish(() => reject(new Error(`the app exited (${child.exitCode ?? child.signalCode}) before its ${kind} line\n${tail()}`)));
      };
      const timer = setTimeout(() => finish(() => reject(new Error(`no ${kind} line from the app within ${timeoutMs / 1000} s\n${tail()}`))), timeoutMs);
      const finish = (settle: () => void): void => {
        clearTimeout(timer);
        waiters.delete(check);
        settle();
      };
      waiters.add(check);
      check();
    });
  return { child, lines, stderr, next, tail };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

async function allUp(run: ChildRun): Promise<void> {
  const upOnce = new Set<string>();
  await run.next('transition', READY_TIMEOUT_MS, (line) => {
    if (line.status === 'UP') upOnce.add(line.target);
    return upOnce.size === ADDRESSES.length;
  });
}

async function heapOf(run: ChildRun): Promise<Line<'memory'>> {
  const from = run.lines.length;
  run.child.stdin?.write('memory\n');
  return await run.next('memory', 5_000, (line) => run.lines.indexOf(line) >= from);
}

/** An idle `node` and an idle `node --import tsx`, to show what the loader the bench runs the app with weighs by itself. */
function startIdleBaselines(): { node: ChildProcess; tsx: ChildProcess } {
  const idle = 'setInterval(() => undefined, 1000)';
  return {
    node: spawn(process.execPath, ['-e', idle], { stdio: 'ignore' }),
    tsx: spawn(process.execPath, ['--import', 'tsx', '-e', idle], { cwd: ROOT, stdio: 'ignore' }),
  };
}

function commandOf(pid: number): string {
  const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter((a) => a !== '');
  return argv.map((a) => a.replace(ROOT, '')).join(' ');
}

function mb(m: Memory): string {
  return `RSS ${m.rssMB.toFixed(1)} MB (peak ${m.peakMB.toFixed(1)}, anonymous ${m.anonMB.toFixed(1)})`;
}

function reportMemory(pid: number, heap: Line<'memory'>, idle: { node: ChildProcess; tsx: ChildProcess }): void {
  const main = memory(pid);
  const children: Process[] = childPids(pid).map((child) => ({ pid: child, what: commandOf(child), memory: memory(child) }));
  const baseline = { node: memory(idle.node.pid!), tsx: memory(idle.tsx.pid!) };
  idle.node.kill();
  idle.tsx.kill();
  const verdict = main.rssMB <= GOAL_MAIN_MB ? 'ok' : 'missed';
  console.log(`main process (pid ${pid}, window closed, ${ADDRESSES.length} targets): ${mb(main)}   goal: ≤ ${GOAL_MAIN_MB} MB   ${verdict}`);
  const heapMb = (bytes: number) => (bytes / 2 ** 20).toFixed(1);
  console.log(`  its V8 heap: ${heapMb(heap.heapUsed)} MB used of ${heapMb(heap.heapTotal)} MB, external ${heapMb(heap.external)} MB`);
  const loader = baseline.tsx.rssMB - baseline.node.rssMB;
  console.log(`  idle baselines on this machine: node ${baseline.node.rssMB.toFixed(1)} MB, node --import tsx ${baseline.tsx.rssMB.toFixed(1)} MB: tsx's loader alone is ${loader.toFixed(1)} MB of the figure above,`);
  console.log(`  which an app loading built JS does not carry (${(main.rssMB - loader).toFixed(1)} MB without it, an estimate: tsx's per-module sources are not taken out)`);
  const helpers = children.filter((c) => c.what.includes('helper/main.js'));
  if (helpers.length === 0) console.log('helper: none running under the main process');
  for (const c of helpers) console.log(`helper beside it (pid ${c.pid}, ${c.what}): ${mb(c.memory)}`);
  for (const c of children.filter((x) => !helpers.includes(x))) console.log(`other child of the main process (pid ${c.pid}, ${c.what}): ${mb(c.memory)}`);
  const all = main.rssMB + children.reduce((sum, c) => sum + c.memory.rssMB, 0);
  console.log(`main process + its children: RSS ${all.toFixed(1)} MB (the node binary's pages, shared between them, counted in each)`);
}

interface Change {
  /** The transition's place among the app's lines, and its time on the app's clock. */
  index: number;
  at: number;
  to: 'up' | 'down';
}

/**
 * Where the connection's state changed, from the transitions alone, as the tray computes it: down
 * as soon as one target is DOWN, up once every target is UP again.
 */
function connectionChanges(lines: readonly AppLine[]): Change[] {
  const states = new Map<string, 'UP' | 'DOWN'>();
  let shown: 'up' | 'down' | null = null;
  const changes: Change[] = [];
  for (const [index, line] of lines.entries()) {
    if (line.kind !== 'transition') continue;
    states.set(line.target, line.status);
    const all = [...states.values()];
    const now = all.includes('DOWN') ? 'down' : states.size === ADDRESSES.length && all.every((s) => s === 'UP') ? 'up' : null;
    if (now !== null && now !== shown) {
      if (!line.initial) changes.push({ index, at: line.at, to: now });
      shown = now;
    }
  }
  return changes;
}

/**
 * Per change of the connection's state during the cuts, the first image after it that shows it:
 * prints the latencies; true when something did not work. `lines` are the app's lines since the cuts began.
 */
function reportLatency(lines: readonly AppLine[], changes: readonly Change[]): boolean {
  const images = lines.filter((l): l is Line<'image'> => l.kind === 'image' && !l.initial);
  const transitions = lines.filter((l): l is Line<'transition'> => l.kind === 'transition' && !l.initial);
  const downs = new Map<string, number>();
  for (const t of transitions) if (t.status === 'DOWN') downs.set(t.target, (downs.get(t.target) ?? 0) + 1);
  const everyCutSeen = ADDRESSES.every((_, i) => downs.get(`target${i + 1}`) === CUTS);
  console.log(
    `cuts of the wan link: ${CUTS} × ${CUT_MS / 1000} s down, ${UP_MS / 1000} s up; transitions: ${transitions.length} ` +
      `(DOWN per target: ${ADDRESSES.map((_, i) => downs.get(`target${i + 1}`) ?? 0).join(', ')})   ${everyCutSeen ? 'ok' : 'FAILED: not every cut was confirmed on every target'}`,
  );

  const latencies: number[] = [];
  const problems: string[] = [];
  changes.forEach((change, i) => {
    const until = changes[i + 1]?.at ?? Infinity;
    const image = images.find((img) => img.at >= change.at && img.at < until && (change.to === 'down' ? img.state === 'down' : img.state !== 'down'));
    if (!image || image.at - change.at > IMAGE_TIMEOUT_MS) problems.push(`no new image within ${IMAGE_TIMEOUT_MS / 1000} s of the connection going ${change.to}`);
    else {
      latencies.push(image.at - change.at);
      if (image.state !== change.to) problems.push(`the connection went ${change.to} and the tray showed ${image.state}`);
    }
  });
  const expected = CUTS * 2;
  if (changes.length !== expected) problems.push(`${changes.length} changes of the connection's state, not ${expected} (down and up per cut)`);
  const ms = (x: number) => `${x.toFixed(2)} ms`;
  if (latencies.length > 0) {
    const max = Math.max(...latencies);
    const verdict = max < GOAL_IMAGE_MS ? 'ok' : 'missed';
    console.log(
      `confirmed transition → tray's new image (setImage), n = ${latencies.length}: median ${ms(median(latencies))}, max ${ms(max)}   goal: < ${GOAL_IMAGE_MS} ms   ${verdict}`,
    );
    console.log(`  each: ${latencies.map((x) => x.toFixed(1)).join(', ')} ms (one clock: performance.now() in the app's process; the transition as the bus delivers it)`);
  }
  for (const problem of problems) console.log(`FAILED: ${problem}`);
  return !everyCutSeen || problems.length > 0;
}
