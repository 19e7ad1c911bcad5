import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Debian's chromium, driven by playwright-core, with nothing of its own reaching the network. */
export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** CI installs chromium; a developer's box may not have it yet. Null when it is there. */
export function chromiumMissing(): string | null {
  if (existsSync(CHROMIUM)) return null;
  if (process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
    console.log(`${CHROMIUM} is missing: installing chromium with apt-get`);
    const install = spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'chromium'], { stdio: 'inherit', timeout: 10 * 60_000 });
    if (existsSync(CHROMIUM)) return null;
    return `${CHROMIUM} is missing and apt-get install chromium failed (exit ${install.status})`;
  }
  return `${CHROMIUM} is missing and cannot be installed here (not root, or no apt-get): apt-get install chromium`;
}
