import { spawn } from 'node:child_process';
import type { ChildProcess, SpawnOptions } from 'node:child_process';
import type { CommandResult } from './commands.js';

/** Lab processes are always their own process group so a stop reaches whatever they started. */
export type LabSpawnOptions = Omit<SpawnOptions, 'detached' | 'shell' | 'argv0'>;

export interface LabExecOptions {
  /** Kills the process group after this long; the result then has `signal: 'SIGKILL'`. */
  timeoutMs?: number;
  input?: string;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

const DEFAULT_EXEC_TIMEOUT_MS = 30_000;

function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // ESRCH: the group is already gone, which is the goal.
  }
}

function exited(child: ChildProcess, withinMs: number): Promise<boolean> {
  if (hasExited(child)) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.off('exit', onExit);
      resolve(false);
    }, withinMs);
    const onExit = (): void => {
      clearTimeout(timer);
      resolve(true);
    };
    child.once('exit', onExit);
  });
}

/** Every process a lab starts, so destroy() and the exit handler can stop all of them. */
export class ProcessSet {
  readonly #children = new Set<ChildProcess>();

  spawn(ns: string, command: string, args: readonly string[], options: LabSpawnOptions = {}): ChildProcess {
    const child = spawn('ip', ['netns', 'exec', ns, command, ...args], { ...options, detached: true });
    this.#children.add(child);
    // A child that fails to start still emits 'close'; dropping it there keeps the set exact.
    child.once('close', () => this.#children.delete(child));
    return child;
  }

  exec(ns: string, command: string, args: readonly string[], options: LabExecOptions = {}): Promise<CommandResult> {
    const child = this.spawn(ns, command, args, {
      stdio: ['pipe', 'pipe', 'pipe'],
      ...(options.env ? { env: options.env } : {}),
      ...(options.cwd !== undefined ? { cwd: options.cwd } : {}),
    });
    let stdout = '';
    let stderr = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.stdin?.end(options.input ?? '');
    const timer = setTimeout(() => {
      if (child.pid !== undefined) signalGroup(child.pid, 'SIGKILL');
    }, options.timeoutMs ?? DEFAULT_EXEC_TIMEOUT_MS);
    return new Promise((resolve, reject) => {
      child.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      child.once('close', (code, signal) => {
        clearTimeout(timer);
        resolve({ code, signal, stdout, stderr });
      });
    });
  }

  /** Process-group ids still running, for the synchronous exit-time cleanup. */
  livePids(): number[] {
    return [...this.#children].filter((c) => !hasExited(c) && c.pid !== undefined).map((c) => c.pid as number);
  }

  /** SIGTERM to every group, SIGKILL to whatever is still there after the grace period. */
  async stopAll(graceMs: number): Promise<void> {
    // Groups whose leader has exited are left to the namespace sweep: their id may be reused.
    const running = [...this.#children].filter((c) => !hasExited(c) && c.pid !== undefined);
    for (const child of running) signalGroup(child.pid as number, 'SIGTERM');
    const stopped = await Promise.all(running.map((child) => exited(child, graceMs)));
    const stubborn = running.filter((_, i) => !stopped[i]);
    for (const child of stubborn) signalGroup(child.pid as number, 'SIGKILL');
    await Promise.all(stubborn.map((child) => exited(child, 2_000)));
  }
}
