import { spawn } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { UserError } from '../errors.js';
import type { Logger } from '../log.js';
import type { ActionCall, ActionSink } from './action-call.js';
import { imonInvocation } from './imon-args.js';

export interface ActionRunnerOptions {
  script: string;
  timeoutMs: number;
  instance: string;
  /** imon's second argument: "0" when its log goes to syslog (here: the journal), "1" on a terminal. */
  syslog: boolean;
  log: Logger;
  /** Calls kept waiting while a script runs; past this the oldest is dropped (and logged). */
  maxQueued?: number;
}

export interface RunAs {
  uid: number;
  gid: number;
}

const NOBODY: RunAs = { uid: 65_534, gid: 65_534 };
const OUTPUT_LIMIT = 2_000;

/**
 * Runs the user's action script for each call, in order, one at a time, with execFile semantics
 * (no shell), a timeout that kills the script's whole process group, and never as root: a
 * daemon started as root runs scripts as the script file's owner, or as nobody when root owns
 * it. call() returns at once; a failing or hanging script is logged and the next call goes on.
 */
export class ActionRunner implements ActionSink {
  private readonly queue: ActionCall[] = [];
  private running: Promise<void> | null = null;
  private current: { pid: number } | null = null;
  private stopped = false;
  readonly runAs: RunAs | null;

  constructor(private readonly options: ActionRunnerOptions) {
    this.runAs = checkScript(options.script);
  }

  call(action: ActionCall): void {
    if (this.stopped) return;
    if (this.queue.length >= (this.options.maxQueued ?? 100)) {
      const dropped = this.queue.shift();
      this.options.log.warn('action calls are piling up behind a slow script; dropped the oldest', { command: dropped?.command });
    }
    this.queue.push(action);
    this.running ??= this.drain().finally(() => {
      this.running = null;
    });
  }

  /** Lets queued calls run for at most `ms`, then kills what is still running and drops the rest. */
  async stop(ms: number): Promise<void> {
    const idle = this.running ?? Promise.resolve();
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), ms)));
    const outcome = await Promise.race([idle.then(() => 'done' as const), late]);
    clearTimeout(timer);
    this.stopped = true;
    if (outcome === 'late') {
      if (this.queue.length > 0) this.options.log.warn('action calls not run at shutdown', { count: this.queue.length });
      this.queue.length = 0;
      if (this.current) killGroup(this.current.pid);
      await idle;
    }
  }

  private async drain(): Promise<void> {
    for (let next = this.queue.shift(); next !== undefined; next = this.queue.shift()) await this.run(next);
  }

  private run(call: ActionCall): Promise<void> {
    const { script, instance, syslog, timeoutMs, log } = this.options;
    const { args, env } = imonInvocation(call);
    const argv = [instance, syslog ? '0' : '1', call.command, ...args];
    return new Promise((resolve) => {
      const child = spawn(script, argv, {
        detached: true,
        cwd: '/',
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, ...env, NOM_INSTANCE: instance, NOM_COMMAND: call.command },
        ...(this.runAs ?? {}),
      });
      let output = '';
      const keep = (chunk: Buffer): void => {
        if (output.length < OUTPUT_LIMIT) output += chunk.toString('utf8').slice(0, OUTPUT_LIMIT - output.length);
      };
      child.stdout.on('data', keep);
      child.stderr.on('data', keep);
      if (child.pid !== undefined) this.current = { pid: child.pid };
      const timer = setTimeout(() => {
        log.warn('action script timed out; killed it', { command: call.command, seconds: timeoutMs / 1000 });
        if (child.pid !== undefined) killGroup(child.pid);
      }, timeoutMs);
      const finish = (): void => {
        clearTimeout(timer);
        this.current = null;
        // A background child of the script may hold the pipes open: stop listening rather than wait for it.
        child.stdout.destroy();
        child.stderr.destroy();
        resolve();
      };
      child.once('error', (err) => {
        log.error('action script could not be run', { command: call.command, error: err.message });
        finish();
      });
      child.once('exit', (code, signal) => {
        const said = output.trim().replace(/\s*\n\s*/g, ' | ');
        if (code === 0) log.info(`action ${call.command} done`, { output: said || undefined });
        else log.warn(`action ${call.command} failed`, { exit: code ?? signal ?? 'unknown', output: said || undefined });
        finish();
      });
    });
  }
}

function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

/** Refuses a script that is missing or not executable (as imon did, at start); returns whom to run it as. */
function checkScript(script: string): RunAs | null {
  let owner: RunAs;
  try {
    const stat = statSync(script);
    if (!stat.isFile()) throw new UserError(`action script ${script}: not a file`);
    accessSync(script, constants.X_OK);
    owner = { uid: stat.uid, gid: stat.gid };
  } catch (err) {
    if (err instanceof UserError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new UserError(`action script ${script}: ${code === 'ENOENT' ? 'not found' : code === 'EACCES' ? 'not executable' : String(code)}`);
  }
  if (process.getuid?.() !== 0) return null;
  return owner.uid === 0 ? NOBODY : owner;
}
