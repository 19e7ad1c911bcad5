import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mustRun, run } from './commands.js';

/** What must go when a lab ends: its namespaces, and first every process it started. */
export interface CleanupEntry {
  readonly namespaces: readonly string[];
  livePids(): number[];
}

const LABEL = /^[a-z0-9]{1,12}$/;
const LAB_NAMESPACE = /^nom-(\d+)-[0-9a-f]{6}(?:-[a-z0-9]{1,12})?-[a-z]+$/;

/**
 * `nom-<pid>-<random>[-<label>]`: the pid tells a sweep whose namespaces these are, the random part
 * keeps two labs of one process apart, the label is only for a human reading `ip netns list`.
 */
export function labPrefix(label?: string): string {
  if (label !== undefined && !LABEL.test(label)) throw new Error(`lab name must match ${String(LABEL)}, got "${label}"`);
  const base = `nom-${process.pid}-${randomBytes(3).toString('hex')}`;
  return label === undefined ? base : `${base}-${label}`;
}

function killGroupSync(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

function namespacePidsSync(ns: string): number[] {
  try {
    return execFileSync('ip', ['netns', 'pids', ns], { encoding: 'utf8', timeout: 5_000 })
      .split('\n')
      .filter((line) => /^\d+$/.test(line))
      .map(Number);
  } catch {
    return [];
  }
}

/** Exit-time cleanup: nothing asynchronous runs once 'exit' fires, so every step is synchronous. */
function cleanupSync(entry: CleanupEntry): void {
  for (const pid of entry.livePids()) killGroupSync(pid);
  for (const ns of entry.namespaces) {
    for (const pid of namespacePidsSync(ns)) if (pid !== process.pid) killPid(pid);
    try {
      execFileSync('ip', ['netns', 'delete', ns], { stdio: 'ignore', timeout: 5_000 });
    } catch {
      // Never created, or already deleted.
    }
  }
}

function killPid(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

/**
 * Kills anything still inside the namespaces (a grandchild that left its process group, a tool
 * started by hand), then deletes them. A namespace with a process in it outlives its name.
 */
export async function deleteNamespaces(namespaces: readonly string[]): Promise<void> {
  const existing = new Set((await mustRun('ip', ['netns', 'list'])).split('\n').map((line) => line.split(' ')[0]));
  for (const ns of namespaces.filter((name) => existing.has(name))) {
    const pids = await run('ip', ['netns', 'pids', ns]);
    for (const pid of pids.stdout.split('\n').filter((line) => /^\d+$/.test(line))) {
      if (Number(pid) !== process.pid) killPid(Number(pid));
    }
    await mustRun('ip', ['netns', 'delete', ns]);
  }
}

const live = new Set<CleanupEntry>();
const SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

function cleanupAllSync(): void {
  for (const entry of live) cleanupSync(entry);
  live.clear();
}

function onSignal(signal: NodeJS.Signals): void {
  cleanupAllSync();
  uninstall();
  // With our listener gone, re-raising gives the default outcome (death by that signal) unless
  // someone else also listens, in which case their handler decides.
  if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
}

function install(): void {
  process.on('exit', cleanupAllSync);
  for (const signal of SIGNALS) process.on(signal, onSignal);
}

function uninstall(): void {
  process.off('exit', cleanupAllSync);
  for (const signal of SIGNALS) process.off(signal, onSignal);
}

/**
 * Makes sure a lab's namespaces go away on every exit path: normal exit, an uncaught error, or
 * SIGINT/SIGTERM/SIGHUP. Returns the function that withdraws it once the lab is destroyed.
 * Handlers are installed only while a lab is live, so they never change how a process without
 * labs reacts to signals.
 */
export function registerCleanup(entry: CleanupEntry): () => void {
  if (live.size === 0) install();
  live.add(entry);
  return () => {
    if (live.delete(entry) && live.size === 0) uninstall();
  };
}

/**
 * Deletes namespaces left by labs whose process no longer exists (killed with SIGKILL, which no
 * handler can catch). Not called automatically: a pid from another pid namespace would look dead.
 */
export async function sweepStaleLabs(): Promise<string[]> {
  const names = (await mustRun('ip', ['netns', 'list'])).split('\n').map((line) => line.split(' ')[0] ?? '');
  const stale = names.filter((name) => {
    const pid = LAB_NAMESPACE.exec(name)?.[1];
    if (pid === undefined) return false;
    try {
      process.kill(Number(pid), 0);
      return false;
    } catch (error) {
      return (error as NodeJS.ErrnoException).code === 'ESRCH';
    }
  });
  await deleteNamespaces(stale);
  return stale;
}
