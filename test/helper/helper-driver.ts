import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { helperMessage, type HelperMessage } from '../../src/shared/helper-protocol.js';

/**
 * Talks to a helper process the plain way (raw lines in, parsed messages out), so tests can send
 * it what the real client never would.
 */
export class HelperDriver {
  readonly messages: HelperMessage[] = [];
  readonly invalid: string[] = [];
  private readonly waiters: Array<{ test: (m: HelperMessage) => boolean; wake: (m: HelperMessage) => void; fail: (e: Error) => void }> = [];
  readonly exited: Promise<number | null>;

  private constructor(readonly child: ChildProcessWithoutNullStreams) {
    createInterface({ input: child.stdout }).on('line', (line) => {
      const parsed = helperMessage.safeParse(JSON.parse(line));
      if (!parsed.success) {
        this.invalid.push(line);
        return;
      }
      this.messages.push(parsed.data);
      for (const waiter of [...this.waiters]) {
        if (waiter.test(parsed.data)) {
          this.waiters.splice(this.waiters.indexOf(waiter), 1);
          waiter.wake(parsed.data);
        }
      }
    });
    this.exited = once(child, 'close').then(([code]) => {
      for (const waiter of this.waiters.splice(0)) waiter.fail(new Error(`the helper exited (${String(code)}) before the awaited message`));
      return code as number | null;
    });
  }

  static start(command: string, args: readonly string[]): HelperDriver {
    return new HelperDriver(spawn(command, [...args], { stdio: ['pipe', 'pipe', 'pipe'] }));
  }

  write(line: string): void {
    this.child.stdin.write(line.endsWith('\n') ? line : line + '\n');
  }

  request(value: object): void {
    this.write(JSON.stringify(value));
  }

  next(test: (m: HelperMessage) => boolean): Promise<HelperMessage> {
    const seen = this.messages.find(test);
    if (seen) return Promise.resolve(seen);
    return new Promise((wake, fail) => this.waiters.push({ test, wake, fail }));
  }

  reply(id: number | null): Promise<Extract<HelperMessage, { type: 'reply' }>> {
    return this.next((m) => m.type === 'reply' && m.id === id) as Promise<Extract<HelperMessage, { type: 'reply' }>>;
  }

  async stop(): Promise<number | null> {
    this.child.stdin.end();
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 3_000);
    const code = await this.exited;
    clearTimeout(timer);
    return code;
  }
}
