import { execFile } from 'node:child_process';

export interface CommandResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Bounds every lab setup command: a wedged `ip` or `nft` must fail the test, not hang it. */
const SETUP_TIMEOUT_MS = 10_000;

/** Runs a host-side tool (`ip`, `nft` through `ip netns exec`) and reports how it ended, never throwing on exit status. */
export function run(command: string, args: readonly string[], input?: string): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      command,
      args,
      { encoding: 'utf8', timeout: SETUP_TIMEOUT_MS, killSignal: 'SIGKILL', maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error && typeof error.code === 'string') {
          reject(new Error(`${command} could not start: ${error.message}`));
          return;
        }
        resolve({
          code: error ? (typeof error.code === 'number' ? error.code : null) : 0,
          signal: error?.signal ?? null,
          stdout,
          stderr,
        });
      },
    );
    if (input !== undefined) child.stdin?.end(input);
  });
}

/** Like `run`, but a non-zero exit is an error naming the command, so a broken topology fails loudly at setup. */
export async function mustRun(command: string, args: readonly string[], input?: string): Promise<string> {
  const result = await run(command, args, input);
  if (result.code !== 0) {
    const how = result.code === null ? `signal ${result.signal ?? '?'}` : `exit ${result.code}`;
    throw new Error(`${command} ${args.join(' ')} failed (${how}): ${result.stderr.trim()}`);
  }
  return result.stdout;
}

/** `ip -n NS -batch -`: one process per namespace keeps create() fast. */
export function ipBatch(ns: string, lines: readonly string[]): Promise<string> {
  return mustRun('ip', ['-n', ns, '-batch', '-'], `${lines.join('\n')}\n`);
}

/** Writes per-namespace sysctls from inside the namespace; `sh` rather than `sysctl` because procps is not guaranteed. */
export function setSysctls(ns: string, values: Record<string, string>): Promise<string> {
  const script = Object.entries(values)
    .map(([key, value]) => {
      if (!/^[a-z0-9_.]+$/.test(key) || !/^[0-9 ]+$/.test(value)) throw new Error(`bad sysctl ${key}=${value}`);
      return `printf '%s\\n' '${value}' > /proc/sys/${key.replaceAll('.', '/')}`;
    })
    .join(' && ');
  return mustRun('ip', ['netns', 'exec', ns, 'sh', '-c', script]);
}

/** Loads an nftables script inside a namespace. */
export function nft(ns: string, script: string): Promise<string> {
  return mustRun('ip', ['netns', 'exec', ns, 'nft', '-f', '-'], script);
}
