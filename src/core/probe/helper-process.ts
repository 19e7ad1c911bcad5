import { spawn } from 'node:child_process';
import type { Logger } from '../log.js';
import { encodeLine, helperMessage, LineSplitter, type HelperMessage, type HelperRequest } from '../../shared/helper-protocol.js';

/** How to start the helper: `node dist/helper/main.js`, `pkexec …`, or a test's own script. */
export interface HelperCommand {
  command: string;
  args: readonly string[];
}

export interface HelperProcess {
  readonly pid: number | undefined;
  send(request: HelperRequest): void;
  /** Ends stdin (the helper exits by itself); SIGKILL if it is still there after `graceMs`. Resolves once it has gone. */
  stop(graceMs: number): Promise<void>;
  kill(): void;
}

export interface HelperProcessEvents {
  /** Only messages that passed the shared schema arrive here. */
  message(message: HelperMessage): void;
  /** Once, however it ended: exit, signal, or never started at all. */
  exit(detail: string): void;
}

/** Invalid lines are logged up to this many per process, so a helper writing garbage cannot flood the log. */
const MAX_LOGGED_INVALID = 20;

/**
 * One run of the helper process. Every line it writes is checked against the shared schema
 * before anyone sees it; anything else is logged and dropped. Its stderr goes to ours: the helper
 * logs in the same format, through the same journal stream.
 */
export function spawnHelper(command: HelperCommand, log: Logger, events: HelperProcessEvents): HelperProcess {
  const child = spawn(command.command, [...command.args], { stdio: ['pipe', 'pipe', 'inherit'] });
  let invalid = 0;
  let exited = false;
  const exitWaiters: Array<() => void> = [];

  const reject = (why: string, line: string) => {
    invalid++;
    if (invalid <= MAX_LOGGED_INVALID) log.warn(`ignored a helper line: ${why}`, { pid: child.pid, line: line.slice(0, 200) });
    if (invalid === MAX_LOGGED_INVALID) log.warn('further invalid helper lines are not logged', { pid: child.pid });
  };
  const splitter = new LineSplitter(
    (line) => {
      let json: unknown;
      try {
        json = JSON.parse(line);
      } catch {
        reject('not JSON', line);
        return;
      }
      const parsed = helperMessage.safeParse(json);
      if (parsed.success) events.message(parsed.data);
      else reject(parsed.error.issues[0]?.message ?? 'invalid', line);
    },
    (start) => reject('line too long', start),
  );

  const finish = (detail: string) => {
    if (exited) return;
    exited = true;
    events.exit(detail);
    for (const wake of exitWaiters.splice(0)) wake();
  };
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => splitter.push(chunk));
  // A write racing the helper's death fails with EPIPE; the exit handler deals with the death itself.
  child.stdin.on('error', () => undefined);
  child.on('error', (err: NodeJS.ErrnoException) => finish(`cannot run ${command.command}: ${err.code ?? err.message}`));
  // 'close', not 'exit': only then has every reply the helper wrote been read.
  child.on('close', (code, signal) => finish(signal ? `killed by ${signal}` : `exited with code ${code ?? '?'}`));

  return {
    get pid() {
      return child.pid;
    },
    send(request) {
      if (!exited && child.stdin.writable) child.stdin.write(encodeLine(request));
    },
    kill() {
      if (!exited) child.kill('SIGKILL');
    },
    stop(graceMs) {
      if (exited) return Promise.resolve();
      return new Promise<void>((resolve) => {
        const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
        exitWaiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
        child.stdin.end();
      });
    },
  };
}
