import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';

export interface ClockSync {
  state: 'synchronized' | 'not synchronized' | 'unknown';
  /** How it was learned, for the report's reader. */
  source: string;
}

const TIMEOUT_MS = 3_000;

/**
 * Whether the system clock is kept in step by NTP, as systemd sees it (timedatectl), else as
 * systemd-timesyncd marks it. A report's times are only as good as the clock that took them.
 */
export async function clockSync(): Promise<ClockSync> {
  const answer = await timedatectl();
  if (answer === 'yes') return { state: 'synchronized', source: 'timedatectl: NTPSynchronized=yes' };
  if (answer === 'no') return { state: 'not synchronized', source: 'timedatectl: NTPSynchronized=no' };
  if (existsSync('/run/systemd/timesync/synchronized')) return { state: 'synchronized', source: 'systemd-timesyncd' };
  return { state: 'unknown', source: 'neither timedatectl nor systemd-timesyncd could say' };
}

function timedatectl(): Promise<string | null> {
  return new Promise((resolve) => {
    execFile('timedatectl', ['show', '--property=NTPSynchronized', '--value'], { timeout: TIMEOUT_MS }, (err, stdout) => {
      resolve(err ? null : stdout.trim());
    });
  });
}
