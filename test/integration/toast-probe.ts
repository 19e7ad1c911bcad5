/**
 * Run inside `xvfb-run -a dbus-run-session --` by desktop-toast.test.ts, with a folder holding
 * a dunstrc: starts dunst on this private session bus, waits until it owns
 * org.freedesktop.Notifications, then tells an outage and its end through the app's real path
 * (DesktopNotices → nodeNotifierToasts → node-notifier → notify-send), and waits until dunst's
 * rule has recorded both toasts. Prints each toast made as `TOAST <json>`, for the test to
 * compare with what dunst recorded.
 */
import { execFile, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { systemClock } from '../../src/core/clock.js';
import { createLogger } from '../../src/core/log.js';
import { DesktopNotices } from '../../src/core/notify/desktop/desktop-notices.js';
import { namedZone } from '../../src/core/time/zone.js';
import { nodeNotifierToasts } from '../../src/main/node-notifier-toasts.js';
import { DESKTOP_NOTIFY_DEFAULTS } from '../../src/shared/config-schema.js';

const dir = process.argv[2];
if (dir === undefined) throw new Error('usage: toast-probe.ts DIR (holding dunstrc; dunst records toasts in DIR/record)');
const record = join(dir, 'record');
const ICON = fileURLToPath(new URL('../../assets/tray/up.png', import.meta.url));

async function until(what: string, ms: number, done: () => Promise<boolean> | boolean): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

async function ownsNotifications(): Promise<boolean> {
  const args = ['--session', '--print-reply', '--dest=org.freedesktop.DBus', '/org/freedesktop/DBus', 'org.freedesktop.DBus.NameHasOwner', 'string:org.freedesktop.Notifications'];
  const { stdout } = await promisify(execFile)('dbus-send', args);
  return /boolean true/.test(stdout);
}

const dunst = spawn('dunst', ['-config', join(dir, 'dunstrc')], { stdio: ['ignore', 'ignore', 'inherit'] });
dunst.on('error', (err) => {
  console.error(`dunst could not be started: ${err.message}`);
  process.exit(2);
});
try {
  await until('dunst to own org.freedesktop.Notifications', 5_000, ownsNotifications);
  const log = createLogger('toast-probe');
  const toasts = nodeNotifierToasts({ icon: ICON, log });
  const notices = new DesktopNotices({
    clock: systemClock,
    zone: namedZone('UTC'),
    config: DESKTOP_NOTIFY_DEFAULTS,
    isDashboardInFront: () => false,
    show: (toast) => {
      console.log(`TOAST ${JSON.stringify(toast)}`);
      toasts.show(toast, () => undefined);
    },
  });
  const router = { target: 'router', address: '192.0.2.1' };
  const start = Math.floor(Date.now() / 1000) - 194;
  notices.notify({ kind: 'down', ...router, at: start, upForSeconds: null });
  notices.notify({ kind: 'cause', ...router, at: start, cause: 'isp' });
  // notify-send is a process of its own: the second toast could overtake the first on the bus.
  await until('dunst to record the outage', 5_000, () => existsSync(record));
  notices.notify({ kind: 'up', ...router, at: start + 194, downForSeconds: 194 });
  await until('dunst to record the restored connection', 5_000, () => readFileSync(record, 'utf8').split('\n').length > 2);
  notices.stop();
} finally {
  dunst.kill();
}
