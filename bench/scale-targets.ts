/**
 * `nom daemon` watching 1,000 targets every second from one helper, for a minute, and `fping`
 * doing the same job in the same lab (the issue measured `fping -i 0 -p 1000` at 1.2 % of one core
 * and 5 MB). Checks: no missed rounds (echo requests counted by nftables in the client's output
 * hook, in total and per target) and no false loss (every target's log is STARTED, UP, STOPPED).
 *
 * Everything runs in a lab (DESIGN.md "Network safety in tests"): the targets are the 762 host
 * addresses of the documentation /24s and loopback addresses inside the client namespace.
 * nom and fping run one after the other, a minute each, so the counter tells their packets apart
 * and neither steals CPU from the other. Needs root (network namespaces), fping and nft. The
 * daemon runs as `npm start` runs it, with the Node options of package.json's start script.
 *
 * For experiments, never needed for the figures:
 * - NOM_BENCH_DAEMON_NODE_OPTIONS: Node options for the daemon and its helper (which inherits
 *   NODE_OPTIONS, after the helper's own heap limits), e.g. `--max-old-space-size=128`; printed
 *   with the results.
 * - NOM_BENCH_CPU_PROF=<dir>: both write V8 CPU profiles there (support/cpu-profile.mjs);
 *   summarise one with `node --import tsx bench/support/cpuprofile-summary.ts FILE --from 20`.
 *   Profiling roughly doubles their CPU, and it samples wall time, so a blocking call (a pipe
 *   write that wakes the other process) looks busier in it than it is.
 */
import type { ChildProcess } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { readTransitionDir } from '../src/core/store/transition-log.js';
import { STATUS_NAMES } from '../src/core/store/transition-record.js';
import { EchoCounter, countsBetween, type EchoCounts } from '../test/lab/echo-counter.js';
import { addEchoTargets, unansweredFromClient } from '../test/lab/extra-addresses.js';
import { Lab } from '../test/lab/lab.js';
import { childPids, cpuPercent, cpuSnapshot, memory, type Memory } from './support/proc-usage.js';

const TARGETS = 1_000;
const SECONDS = 60;
/** The issue's tolerance on the total: 60,000 ± 1,000 echo requests. */
const TOTAL_TOLERANCE = 1_000;
const GOAL_CPU_PERCENT = 10;
const GOAL_MB = 150;
const FPING_MEASURED = { cpuPercent: 1.2, mb: 5 };
/** After the last target is UP (nom) or fping has started, before the measured minute. */
const SETTLE_MS = 3_000;
const ALL_UP_TIMEOUT_MS = 90_000;
const STOP_TIMEOUT_MS = 30_000;
/** Nothing above should take this long; past it the lab is torn down and the bench fails. */
const HARD_LIMIT_MS = 8 * 60_000;

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const CLI = fileURLToPath(new URL('../dist/cli/index.js', import.meta.url));
const CPU_PROFILER = fileURLToPath(new URL('./support/cpu-profile.mjs', import.meta.url));

interface Target {
  name: string;
  address: string;
}

interface Usage {
  /** % of one core, per process, over the measured window. */
  cpu: number[];
  memory: Memory[];
  seconds: number;
  echoes: EchoCounts;
}

interface NomRun extends Usage {
  helperRestarts: number;
  falseOutages: Array<{ name: string; statuses: string[] }>;
  warnings: string[];
  exitCode: number | null;
}

interface FpingRun extends Usage {
  lossyTargets: number;
}

export async function benchScaleTargets(): Promise<void> {
  console.log(`\n## nom daemon: ${TARGETS.toLocaleString('en')} targets every second for ${SECONDS} s, side by side with fping`);
  const missing = missingPrerequisite();
  if (missing !== null) {
    console.log(`skipped: ${missing}`);
    return;
  }
  const data = mkdtempSync(join(tmpdir(), 'nom-bench-scale-'));
  const forgetData = removeOnExit(data);
  let lab: Lab | undefined;
  let overTime = false;
  const guard = setTimeout(() => {
    overTime = true;
    console.error(`over the ${HARD_LIMIT_MS / 60_000} min limit: tearing the lab down`);
    void lab?.destroy();
  }, HARD_LIMIT_MS);
  try {
    lab = await Lab.create({ name: 'scale' });
    const addresses = await addEchoTargets(lab, TARGETS);
    const unanswered = await unansweredFromClient(lab, addresses);
    if (unanswered.length > 0) throw new Error(`${unanswered.length} lab addresses did not answer fping: ${unanswered.slice(0, 10).join(', ')}`);
    const loopback = addresses.filter((a) => a.startsWith('127.')).length;
    console.log(`lab: ${addresses.length - loopback} documentation addresses + ${loopback} loopback addresses in the client namespace; all answered one fping pass`);
    console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, load average ${loadavg()[0]!.toFixed(2)} at start`);
    console.log(`runs: nom for ${SECONDS} s, then fping for ${SECONDS} s, in the same lab, counted by one nftables rule`);
    console.log(`nom daemon runs as npm start runs it: node ${startNodeFlags().join(' ')}`);
    const options = daemonEnv().NODE_OPTIONS;
    if (options !== undefined && options !== '') console.log(`nom runs with NODE_OPTIONS=${options}`);

    const counter = await EchoCounter.install(lab, 'client');
    const targets = addresses.map((address, i) => ({ name: `t${String(i).padStart(4, '0')}_${address}`, address }));
    const nom = await runNom(lab, counter, targets, data);
    const fping = await runFping(lab, counter, addresses);
    const failed = report(nom, fping, targets);
    if (failed || overTime) process.exitCode = 1;
  } catch (error) {
    process.exitCode = 1;
    console.log(`FAILED: ${overTime ? 'over time: ' : ''}${error instanceof Error ? error.message : String(error)}`);
  } finally {
    clearTimeout(guard);
    await lab?.destroy();
    rmSync(data, { recursive: true, force: true });
    forgetData();
  }
}

const SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/**
 * Removes `dir` however the process ends. On a signal the lab's own handler (registered later, so
 * it runs after this one) deletes the namespaces and re-raises the signal; without a live lab,
 * this handler re-raises it. Returns the function that withdraws the handlers.
 */
function removeOnExit(dir: string): () => void {
  const remove = (): void => rmSync(dir, { recursive: true, force: true });
  const onSignal = (signal: NodeJS.Signals): void => {
    remove();
    forget();
    if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
  };
  const forget = (): void => {
    process.off('exit', remove);
    for (const signal of SIGNALS) process.off(signal, onSignal);
  };
  process.on('exit', remove);
  for (const signal of SIGNALS) process.on(signal, onSignal);
  return forget;
}

function missingPrerequisite(): string | null {
  if (process.getuid?.() !== 0) return 'needs root for network namespaces';
  for (const tool of ['ip', 'nft', 'fping']) {
    try {
      execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore', timeout: 5_000 });
    } catch {
      return `needs ${tool}`;
    }
  }
  if (!existsSync(CLI)) return `${CLI} is missing: run "npm run build" first`;
  return null;
}

async function runNom(lab: Lab, counter: EchoCounter, targets: Target[], data: string): Promise<NomRun> {
  const args = [...startNodeFlags(), CLI, 'daemon', '--data', data, '--interval', '1', '--probe', 'icmp', ...targets.flatMap((t) => ['--target', `${t.address}=${t.name}`])];
  const daemon = lab.spawn('client', process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: daemonEnv() });
  const log = collectLines(daemon);
  try {
    const pid = daemon.pid;
    if (pid === undefined) throw new Error('nom daemon did not start');
    await waitFor('every target UP', ALL_UP_TIMEOUT_MS, daemon, log, allUp(targets, data));
    const helpers = childPids(pid);
    if (helpers.length !== 1) throw new Error(`expected one helper process under the daemon, found ${helpers.length}\n${log.tail()}`);
    const helper = helpers[0]!;
    await sleep(SETTLE_MS);

    const linesBefore = log.lines.length;
    const usage = await measureWindow(counter, [pid, helper]);
    const warnings = log.lines.slice(linesBefore).filter((line) => / (WARN|ERROR) /.test(line));
    const helperNow = childPids(pid);
    const helperRestarts = helperNow.length === 1 && helperNow[0] === helper ? 0 : 1;

    daemon.kill('SIGTERM');
    const exitCode = await exited(daemon, STOP_TIMEOUT_MS);
    if (exitCode === undefined) throw new Error(`nom daemon did not stop within ${STOP_TIMEOUT_MS / 1000} s of SIGTERM\n${log.tail()}`);
    const falseOutages = targets
      .map((t) => ({ name: t.name, statuses: [...readTransitionDir(join(data, t.name)).statuses].map((s) => STATUS_NAMES[s] ?? String(s)) }))
      .filter((t) => t.statuses.join(',') !== 'STARTED,UP,STOPPED');
    return { ...usage, helperRestarts, falseOutages, warnings, exitCode };
  } finally {
    if (daemon.exitCode === null && daemon.signalCode === null) daemon.kill('SIGKILL');
  }
}

/**
 * The Node options `npm start` gives the daemon (package.json): the figures are for the daemon as
 * it is run, and its young generation can only be bounded from the command line (daemon.ts).
 */
function startNodeFlags(): string[] {
  const script = readFileSync(join(ROOT, 'scripts/start.mjs'), 'utf8');
  const match = /\[process\.execPath, \[((?:'--[\w-]+(?:=[^']*)?', )*)`\$\{root\}dist\/cli\/index\.js`, 'daemon'/.exec(script);
  if (!match) throw new Error('scripts/start.mjs no longer runs "node [OPTIONS] dist/cli/index.js daemon"');
  return [...match[1]!.matchAll(/'([^']*)'/g)].map((m) => m[1]!);
}

/** The daemon's environment, with the experiment options of the header. */
function daemonEnv(): NodeJS.ProcessEnv {
  const extra = [process.env.NODE_OPTIONS, process.env.NOM_BENCH_DAEMON_NODE_OPTIONS];
  if (process.env.NOM_BENCH_CPU_PROF) extra.push(`--import ${CPU_PROFILER}`);
  const options = extra.filter((o) => o !== undefined && o.trim() !== '').join(' ');
  return options === '' ? process.env : { ...process.env, NODE_OPTIONS: options };
}

async function runFping(lab: Lab, counter: EchoCounter, addresses: string[]): Promise<FpingRun> {
  // -l loops; -Q with a period longer than the run keeps it quiet until the summary it prints
  // when interrupted (-q alone still prints every reply in loop mode).
  const fping = lab.spawn('client', 'fping', ['-l', '-p', '1000', '-i', '0', '-q', '-Q', '3600', ...addresses], { stdio: ['ignore', 'pipe', 'pipe'] });
  const log = collectLines(fping);
  try {
    const pid = fping.pid;
    if (pid === undefined) throw new Error('fping did not start');
    await sleep(SETTLE_MS);
    if (fping.exitCode !== null) throw new Error(`fping exited with ${fping.exitCode}\n${log.tail()}`);
    const usage = await measureWindow(counter, [pid]);
    fping.kill('SIGINT');
    if ((await exited(fping, STOP_TIMEOUT_MS)) === undefined) throw new Error('fping did not stop on SIGINT');
    // Summary lines: "ADDR : xmt/rcv/%loss = 63/63/0%, min/avg/max = …"
    const summaries = log.lines.filter((line) => line.includes('xmt/rcv/%loss'));
    const lossy = summaries.filter((line) => !/%loss = (\d+)\/\1\/0%/.test(line)).length;
    return { ...usage, lossyTargets: summaries.length === addresses.length ? lossy : addresses.length - summaries.length + lossy };
  } finally {
    if (fping.exitCode === null && fping.signalCode === null) fping.kill('SIGKILL');
  }
}

/** One measured window: CPU of each process, echo requests sent, and memory at its end. */
async function measureWindow(counter: EchoCounter, pids: number[]): Promise<Usage> {
  const countsBefore = await counter.read();
  const cpuBefore = cpuSnapshot(pids);
  await sleep(SECONDS * 1000);
  const cpuAfter = cpuSnapshot(pids);
  const countsAfter = await counter.read();
  const seconds = Number(cpuAfter.at - cpuBefore.at) / 1e9;
  const percent = cpuPercent(cpuBefore, cpuAfter);
  return { cpu: pids.map((pid) => percent.get(pid) ?? 0), memory: pids.map(memory), seconds, echoes: countsBetween(countsBefore, countsAfter) };
}

/** True once every target's log holds STARTED then UP; checks only the ones not yet seen UP. */
function allUp(targets: Target[], data: string): () => boolean {
  const waiting = new Set(targets.map((t) => t.name));
  return () => {
    for (const name of waiting) {
      try {
        const { statuses } = readTransitionDir(join(data, name));
        if (statuses.length >= 2 && STATUS_NAMES[statuses[1]!] === 'UP') waiting.delete(name);
      } catch {
        // Not created yet.
      }
    }
    return waiting.size === 0;
  };
}

interface Lines {
  readonly lines: string[];
  tail(): string;
}

function collectLines(child: ChildProcess): Lines {
  const lines: string[] = [];
  let partial = '';
  const take = (chunk: Buffer): void => {
    const parts = (partial + chunk.toString('utf8')).split('\n');
    partial = parts.pop() ?? '';
    for (const line of parts) if (lines.length < 100_000) lines.push(line.length > 500 ? `${line.slice(0, 500)}…` : line);
  };
  child.stdout?.on('data', take);
  child.stderr?.on('data', take);
  child.once('close', () => partial && lines.push(partial));
  return { lines, tail: () => `--- last lines ---\n${lines.slice(-20).join('\n')}` };
}

async function waitFor(what: string, timeoutMs: number, child: ChildProcess, log: Lines, done: () => boolean): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`exited (${child.exitCode ?? child.signalCode}) while waiting for ${what}\n${log.tail()}`);
    if (Date.now() > deadline) throw new Error(`no ${what} within ${timeoutMs / 1000} s\n${log.tail()}`);
    await sleep(250);
  }
}

/** The exit code (null when killed by a signal), or undefined if it is still running after `timeoutMs`. */
function exited(child: ChildProcess, timeoutMs: number): Promise<number | null | undefined> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(undefined), timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}

interface RoundCheck {
  expected: number;
  ok: boolean;
  min: number;
  max: number;
  short: number;
  extra: number;
}

/**
 * Echo requests in the window against one per target per second. Each target's count must be
 * within a round of the window's length (its ticks fall on either side of an edge) and the total
 * within the issue's ± 1,000.
 */
function checkRounds(usage: Usage, addresses: string[]): RoundCheck {
  const expected = Math.round(addresses.length * usage.seconds);
  const counts = addresses.map((a) => usage.echoes.byAddress.get(a) ?? 0);
  const short = counts.filter((n) => n < Math.floor(usage.seconds) - 1).length;
  const extra = counts.filter((n) => n > Math.ceil(usage.seconds) + 1).length;
  const ok = Math.abs(usage.echoes.total - expected) <= TOTAL_TOLERANCE && short === 0;
  return { expected, ok, min: Math.min(...counts), max: Math.max(...counts), short, extra };
}

const mb = (m: Memory[]): number => m.reduce((sum, x) => sum + x.peakMB, 0);
const sum = (values: number[]): number => values.reduce((a, b) => a + b, 0);
const pct = (value: number): string => `${value.toFixed(2)} %`;
const goal = (value: number, limit: number): string => (value < limit ? 'met' : 'MISSED');

/** Prints the figures; true when a check failed. */
function report(nom: NomRun, fping: FpingRun, targets: Target[]): boolean {
  const addresses = targets.map((t) => t.address);
  const nomRounds = checkRounds(nom, addresses);
  const fpingRounds = checkRounds(fping, addresses);
  const nomCpu = sum(nom.cpu);
  const nomMb = mb(nom.memory);
  const fpingCpu = sum(fping.cpu);
  const fpingMb = mb(fping.memory);
  const n = (x: number): string => x.toLocaleString('en');
  const perTarget = (r: RoundCheck): string =>
    `per target ${r.min}–${r.max}${r.short > 0 ? `, ${r.short} short of a round` : ''}${r.extra > 0 ? `, ${r.extra} with re-probes` : ''}`;

  console.log(`targets: ${n(targets.length)}, measured: nom ${nom.seconds.toFixed(1)} s, fping ${fping.seconds.toFixed(1)} s`);
  console.log(
    `nom echo requests: ${n(nom.echoes.total)} sent, expected ${n(nomRounds.expected)} ± ${n(TOTAL_TOLERANCE)} (${perTarget(nomRounds)})   ${nomRounds.ok ? 'ok' : 'FAILED: missed rounds'}`,
  );
  const falseOk = nom.falseOutages.length === 0;
  const shown = nom.falseOutages.slice(0, 5).map((t) => `${t.name}: ${t.statuses.join(' ')}`);
  console.log(`nom false outages: ${nom.falseOutages.length} of ${n(targets.length)} targets not exactly STARTED, UP, STOPPED   ${falseOk ? 'ok' : `FAILED: ${shown.join('; ')}`}`);
  const oneHelper = nom.helperRestarts === 0 && nom.exitCode === 0;
  console.log(`nom: one helper throughout, clean exit: ${oneHelper ? 'yes' : `no (helper restarts ${nom.helperRestarts}, exit ${nom.exitCode ?? 'signal'})`}   ${oneHelper ? 'ok' : 'FAILED'}`);
  if (nom.warnings.length > 0) console.log(`nom warnings during the minute: ${nom.warnings.length}, e.g. ${nom.warnings.slice(0, 3).join(' | ')}`);
  console.log(
    `nom CPU: ${pct(nomCpu)} of one core (daemon ${pct(nom.cpu[0]!)}, helper ${pct(nom.cpu[1]!)})   goal: < ${GOAL_CPU_PERCENT} %   ${goal(nomCpu, GOAL_CPU_PERCENT)}`,
  );
  const nomRss = sum(nom.memory.map((m) => m.rssMB));
  const nomAnon = sum(nom.memory.map((m) => m.anonMB));
  const nomFile = nom.memory.map((m) => m.rssMB - m.anonMB);
  console.log(
    `nom peak memory: ${nomMb.toFixed(1)} MB (VmHWM, daemon ${nom.memory[0]!.peakMB.toFixed(1)} + helper ${nom.memory[1]!.peakMB.toFixed(1)})   goal: < ${GOAL_MB} MB   ${goal(nomMb, GOAL_MB)}`,
  );
  console.log(
    `nom resident at the end: ${nomRss.toFixed(1)} MB = anonymous ${nomAnon.toFixed(1)} + mapped from files ${nomFile.map((x) => x.toFixed(1)).join(' + ')} ` +
      `(the same node binary, shared: counted once, ${(nomAnon + Math.max(...nomFile)).toFixed(1)} MB)`,
  );
  console.log(
    `fping -l -p 1000 -i 0: ${n(fping.echoes.total)} echo requests (${perTarget(fpingRounds)}), ${fping.lossyTargets} targets with loss; ` +
      `CPU ${pct(fpingCpu)} of one core, peak memory ${fpingMb.toFixed(1)} MB (the issue measured ${FPING_MEASURED.cpuPercent} % and ${FPING_MEASURED.mb} MB)`,
  );
  console.log(`ratio nom/fping: CPU ${(nomCpu / fpingCpu).toFixed(1)}x, memory ${(nomMb / fpingMb).toFixed(1)}x`);
  return !nomRounds.ok || !falseOk || !oneHelper;
}
