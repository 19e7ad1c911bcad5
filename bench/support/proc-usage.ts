import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';

/**
 * CPU and memory of running processes, read from /proc (Linux), for benchmarks that measure a
 * long-running process over a window rather than a child from start to exit.
 */

let clockTicks: number | undefined;

/** USER_HZ, the unit of utime and stime in /proc/PID/stat (almost always 100). */
export function ticksPerSecond(): number {
  if (clockTicks === undefined) {
    try {
      clockTicks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8', timeout: 5_000 }).trim()) || 100;
    } catch {
      clockTicks = 100;
    }
  }
  return clockTicks;
}

/** Fields of /proc/PID/stat after the command name, which may itself hold spaces and parentheses. */
function statFields(pid: number): string[] {
  const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return text.slice(text.lastIndexOf(')') + 2).split(' ');
}

/** utime + stime of the process itself (not of its waited-for children), in seconds. */
export function cpuSeconds(pid: number): number {
  const fields = statFields(pid);
  // Fields 14 and 15 of stat(5); the list here starts at field 3 (state).
  return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond();
}

export function parentPid(pid: number): number {
  return Number(statFields(pid)[1]);
}

/** Live children of `pid`, by scanning /proc (CONFIG_PROC_CHILDREN is not always there). */
export function childPids(pid: number): number[] {
  const children: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (parentPid(Number(entry)) === pid && statFields(Number(entry))[0] !== 'Z') children.push(Number(entry));
    } catch {
      // Gone while we looked.
    }
  }
  return children;
}

export interface Memory {
  /** Peak resident set so far (VmHWM), MB. */
  peakMB: number;
  /** Resident set now (VmRSS), MB. */
  rssMB: number;
  /** Of the resident set now, the anonymous part (heap, stacks), MB; the rest is mapped from files (binary, libraries). */
  anonMB: number;
}

function kibField(text: string, key: string, where: string): number {
  const match = new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(text);
  if (!match) throw new Error(`no ${key} in ${where}`);
  return Number(match[1]);
}

export function memory(pid: number): Memory {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const where = `/proc/${pid}/status`;
  // RssAnon + RssShmem is what is not file-backed; Shmem is normally 0 for these processes.
  const anon = kibField(status, 'RssAnon', where) + kibField(status, 'RssShmem', where);
  return { peakMB: kibField(status, 'VmHWM', where) / 1024, rssMB: kibField(status, 'VmRSS', where) / 1024, anonMB: anon / 1024 };
}

/** CPU seconds of a set of processes at one moment, with the time it was taken. */
export interface CpuSnapshot {
  at: bigint;
  seconds: Map<number, number>;
}

export function cpuSnapshot(pids: readonly number[]): CpuSnapshot {
  return { at: process.hrtime.bigint(), seconds: new Map(pids.map((pid) => [pid, cpuSeconds(pid)])) };
}

/** Per process, the share of one core used between two snapshots, in percent. */
export function cpuPercent(from: CpuSnapshot, to: CpuSnapshot): Map<number, number> {
  const wall = Number(to.at - from.at) / 1e9;
  return new Map([...from.seconds].map(([pid, start]) => [pid, (((to.seconds.get(pid) ?? start) - start) / wall) * 100]));
}
