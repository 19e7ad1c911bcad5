import { spawn } from 'node:child_process';
import type { Logger } from '../log.js';
import { encodeLine, LineSplitter } from '../../shared/helper-lines.js';
import { LineBatch } from '../../shared/line-batch.js';
import { helperMessage, type HelperMessage, type HelperRequest } from '../../shared/helper-protocol.js';
import { readOkReply } from '../../shared/helper-quick-read.js';

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
  /** Once, however it ended: exit, signal, or never started at all; `code` only for an exit. */
  exit(detail: string, code: number | null): void;
}

/** Invalid lines are logged up to this many per process, so a helper writing garbage cannot flood the log. */
const MAX_LOGGED_INVALID = 20;

/**
 * Heap limits for the helper, whose own heap is a few megabytes and bounded (MAX_IN_FLIGHT
 * echoes at most). Left to its defaults, V8 grows the young generation to 2 × 16 MB under the
 * helper's steady stream of short-lived objects, and lets the old generation reach up to four
 * times what is live before collecting it, because the default limit is a quarter of the
 * machine's memory; with a 256 MB limit it collects at about a third more than what is live.
 * Measured with 1,000 targets: 110 MB resident at peak by default, 66 MB with these, and no
 * more CPU. A user's own NODE_OPTIONS come after these, so theirs win.
 */
const HELPER_NODE_OPTIONS = '--max-semi-space-size=1 --max-old-space-size=256';

function helperEnv(): NodeJS.ProcessEnv {
  const options = [HELPER_NODE_OPTIONS, process.env.NODE_OPTIONS].filter((o) => o !== undefined && o.trim() !== '').join(' ');
  return { ...process.env, NODE_OPTIONS: options };
}

/**
 * One run of the helper process. Every line it writes is checked against the shared schema
 * before anyone sees it; anything else is logged and dropped. Its stderr goes to ours: the helper
 * logs in the same format, through the same journal stream.
 */
export function spawnHelper(command: HelperCommand, log: Logger, events: HelperProcessEvents): HelperProcess {
  const child = spawn(command.command, [...command.args], { stdio: ['pipe', 'pipe', 'inherit'], env: helperEnv() });
  let invalid = 0;
  let exited = false;
  const outgoing = new LineBatch((text) => {
    if (!exited && child.stdin.writable) child.stdin.write(text);
  });
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
      // A successful reply, the message of every probe, is read without the schema when it surely passes it.
      const reply = readOkReply(json);
      if (reply) {
        events.message(reply);
        return;
      }
      const parsed = helperMessage.safeParse(json);
      if (parsed.success) events.message(parsed.data);
      else reject(parsed.error.issues[0]?.message ?? 'invalid', line);
    },
    (start) => reject('line too long', start),
  );

  const finish = (detail: string, code: number | null = null) => {
    if (exited) return;
    exited = true;
    events.exit(detail, code);
    for (const wake of exitWaiters.splice(0)) wake();
  };
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => splitter.push(chunk));
  // A write racing the helper's death fails with EPIPE; the exit handler deals with the death itself.
  child.stdin.on('error', () => undefined);
  child.on('error', (err: NodeJS.ErrnoException) => finish(`cannot run ${command.command}: ${err.code ?? err.message}`));
  // 'close', not 'exit': only then has every reply the helper wrote been read.
  child.on('close', (code, signal) => finish(signal ? `killed by ${signal}` : `exited with code ${code ?? '?'}`, code));

  return {
    get pid() {
      return child.pid;
    },
    send(request) {
      if (exited || !child.stdin.writable) return;
      outgoing.push(encodeLine(request));
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
