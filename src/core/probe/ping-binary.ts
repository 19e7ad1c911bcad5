import { execFile } from 'node:child_process';
import { isIP, isIPv6 } from 'node:net';
import { errnoFromText } from './errno-text.js';
import type { ProbeResult, Prober } from './prober.js';

export interface PingBinaryOptions {
  /** The program, and arguments before ping's own; by default `ping` from PATH. */
  command?: string;
  commandArgs?: readonly string[];
}

/** Extra time the process may take beyond the probe's timeout (start-up, printing) before it is killed. */
const PROCESS_GRACE_MS = 2_000;
const REPLY = /bytes from (\S+?):?\s+icmp_seq=\d+.*?\btime[=<]\s?([\d.]+)\s?ms/;
const ICMP_ERROR = /^From (\S+?):?\s+icmp_seq=\d+\s+(.+)$/m;
const SEND_FAILURE = /^ping: (connect|sendmsg|sendto): (.+)$/m;

/**
 * Probes with the system `ping` (iputils), for when the helper cannot run but ping can: it is
 * setuid/setcap, or the kernel allows unprivileged ICMP (`net.ipv4.ping_group_range`). One process
 * per probe, run with execFile (never a shell), its output parsed for the result.
 */
export class PingBinaryProber implements Prober {
  readonly kind = 'ping-binary' as const;
  private readonly running = new Set<AbortController>();

  constructor(private readonly options: PingBinaryOptions = {}) {}

  probe(address: string, timeoutMs: number): Promise<ProbeResult> {
    if (isIP(address.split('%')[0] ?? '') === 0) return Promise.resolve({ ok: false, reason: 'error', detail: `not an IP address: ${address}` });
    const family = isIPv6(address.split('%')[0] ?? '') ? ['-6'] : [];
    const args = [...(this.options.commandArgs ?? []), '-n', '-c', '1', '-W', waitSeconds(timeoutMs), ...family, address];
    const abort = new AbortController();
    this.running.add(abort);
    return new Promise((resolve) => {
      execFile(
        this.options.command ?? 'ping',
        args,
        { encoding: 'utf8', timeout: timeoutMs + PROCESS_GRACE_MS, killSignal: 'SIGKILL', signal: abort.signal, env: { ...process.env, LC_ALL: 'C' } },
        (err, stdout, stderr) => {
          this.running.delete(abort);
          const exitCode = err === null ? 0 : typeof err.code === 'number' ? err.code : null;
          resolve(parsePingOutput(exitCode, stdout, stderr, err?.killed === true || (err !== null && err.code === 'ABORT_ERR'), err?.message));
        },
      );
    });
  }

  close(): Promise<void> {
    for (const abort of this.running) abort.abort();
    this.running.clear();
    return Promise.resolve();
  }
}

/**
 * What one `ping -c 1` run said. `exitCode` null: it could not run or did not exit by itself.
 * Pure, so the texts of other ping versions can be checked without running them.
 */
export function parsePingOutput(exitCode: number | null, stdout: string, stderr: string, killed: boolean, runError?: string): ProbeResult {
  const reply = REPLY.exec(stdout);
  if (reply && exitCode === 0) return { ok: true, rttMs: Number(reply[2]), from: reply[1] ?? '' };
  // "connect: Network is unreachable", "sendmsg: Operation not permitted" (our firewall): ours never
  // left, so an ICMP error printed beside it came from this host too. ("socket: …" is ping not working.)
  const sendFailure = SEND_FAILURE.exec(stderr);
  if (sendFailure) return { ok: false, reason: 'local', code: errnoFromText(sendFailure[2] ?? '') ?? 'EUNKNOWN', detail: `${sendFailure[1]}: ${sendFailure[2]}` };
  // iputils' words for EACCES from connect(): a broadcast address, or a route or firewall that prohibits it.
  if (/Do you want to ping broadcast\?/.test(stderr)) return { ok: false, reason: 'local', code: 'EACCES', detail: 'connect: Permission denied' };
  const icmpError = ICMP_ERROR.exec(stdout);
  if (icmpError) return { ok: false, reason: 'unreachable', from: icmpError[1] ?? '', detail: readableIcmpError(icmpError[2] ?? '') };
  if (exitCode === 1 && / 0 received/.test(stdout)) return { ok: false, reason: 'timeout' };
  if (killed) return { ok: false, reason: 'error', detail: 'ping did not finish in time' };
  const firstLine = stderr.trim().split('\n')[0] ?? '';
  return { ok: false, reason: 'error', detail: firstLine || runError || `ping exited with code ${exitCode ?? '?'}` };
}

/** Whole seconds where possible: iputils before 2020 and busybox reject a fractional -W. */
function waitSeconds(timeoutMs: number): string {
  const ms = Math.max(1, Math.ceil(timeoutMs));
  return ms % 1000 === 0 ? String(ms / 1000) : (ms / 1000).toFixed(3);
}

/** "Destination Net Unreachable" → "net unreachable", in the helper's words. */
function readableIcmpError(text: string): string {
  return text.trim().replace(/^Destination\s+/i, '').replace(/^unreachable:\s*/i, '').toLowerCase();
}
