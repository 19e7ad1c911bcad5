import { spawn } from 'node:child_process';
import type { Socket } from 'node:net';

/**
 * Runs in the host namespace, outside the lab, and blocks reading a pipe from this process. The
 * kernel closes the pipe however this process ends, SIGKILL included, and the watchdog then
 * kills whatever runs in the namespaces and deletes them. The exit handlers of cleanup.ts do the
 * same at once; this is the path for deaths no handler sees. The pipe is read by a shell builtin,
 * so killing the shell on dismiss leaves no child behind.
 */
const SCRIPT = `
while IFS= read -r _; do :; done
for ns in "$@"; do
  for pid in $(ip netns pids "$ns" 2>/dev/null); do kill -9 "$pid" 2>/dev/null; done
  ip netns delete "$ns" 2>/dev/null
done
exit 0
`;

export interface Watchdog {
  /** Stands the watchdog down once the lab has cleaned up after itself. */
  dismiss(): void;
}

export function startWatchdog(namespaces: readonly string[]): Watchdog {
  const child = spawn('sh', ['-c', SCRIPT, 'nom-lab-watchdog', ...namespaces], {
    detached: true,
    stdio: ['pipe', 'ignore', 'ignore'],
  });
  child.on('error', () => undefined);
  // Neither the process nor its pipe may keep a finished test process alive.
  child.unref();
  (child.stdin as Socket | null)?.unref();
  return {
    dismiss: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}
