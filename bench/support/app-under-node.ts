/**
 * The desktop app's main process as main.ts starts it, under Node instead of Electron: startApp
 * with the real runtime (composeRuntime, the desktop's probe order from helper-launch.ts), real
 * settings in a conf store, started hidden (`--hidden`: no window, the tray only), on the shared
 * Electron fake. Run by bench/app.ts inside the lab's client namespace:
 *
 *   node --import tsx bench/support/app-under-node.ts WORK_DIR PROBE ADDRESS…
 *
 * It watches each ADDRESS as an updown target every second and prints one JSON line (AppLine)
 * per fact on stdout, every time from this process's performance.now(), so a transition and
 * the tray image it leads to are timed on one clock. Its log goes to stderr. On stdin it takes
 * `memory` (answers with process.memoryUsage()) and `quit` (the tray's Quit: STOPPED is written).
 */
import { existsSync, mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import Conf from 'conf';
import { z } from 'zod';
import { systemClock } from '../../src/core/clock.js';
import { defaultConfig } from '../../src/core/config/defaults.js';
import { createLogger } from '../../src/core/log.js';
import { ReportQueue } from '../../src/core/report/job/report-queue.js';
import { runReportJob } from '../../src/core/report/job/run-report-job.js';
import { composeRuntime } from '../../src/core/runtime/compose.js';
import { namedZone } from '../../src/core/time/zone.js';
import { startApp } from '../../src/main/app.js';
import type { Autostart } from '../../src/main/autostart.js';
import { HIDDEN_FLAG } from '../../src/main/autostart.js';
import { helperLaunch } from '../../src/main/helper-launch.js';
import type { ImagePort, TrayPort } from '../../src/main/ports.js';
import { settingsStoreOptions } from '../../src/main/settings-store.js';
import type { NomConfig } from '../../src/shared/config-schema.js';
import { FakeElectron, type FakeImage, type FakeTray } from '../../test/support/electron-fake.js';

/** `icmp`: the privileged helper, as the app on a desktop with the privilege uses it; `auto`: the desktop's own order (ping first). */
export const APP_PROBES = ['icmp', 'auto'] as const;
export type AppProbe = (typeof APP_PROBES)[number];

const at = z.number().nonnegative();

/** Every line the child prints, checked by the bench on receipt. */
export const appLine = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('ready'), at, pid: z.number().int(), source: z.string(), probing: z.object({ ok: z.boolean(), detail: z.string() }) }),
  z.object({ kind: z.literal('transition'), at, target: z.string(), status: z.enum(['UP', 'DOWN']), initial: z.boolean() }),
  /** `state`: the image's file name without `.png` (up, down, degraded, paused). `initial`: the tray's first image. */
  z.object({ kind: z.literal('image'), at, state: z.string(), initial: z.boolean() }),
  z.object({ kind: z.literal('memory'), at, rss: z.number(), heapTotal: z.number(), heapUsed: z.number(), external: z.number(), arrayBuffers: z.number() }),
  z.object({ kind: z.literal('stopped'), at }),
]);
export type AppLine = z.infer<typeof appLine>;

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const QUIT_POLL_MS = 20;

function say(line: AppLine): void {
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

function stateOf(image: ImagePort): string {
  return basename((image as FakeImage).path, '.png');
}

/** The shared fake, with every tray image told the moment it is set. */
class WatchedElectron extends FakeElectron {
  override createTray(image: ImagePort): TrayPort {
    const tray = super.createTray(image) as FakeTray;
    say({ kind: 'image', at: performance.now(), state: stateOf(image), initial: true });
    tray.on('set-image', (next: ImagePort) => say({ kind: 'image', at: performance.now(), state: stateOf(next), initial: false }));
    return tray;
  }
}

function configFor(addresses: readonly string[], probe: AppProbe): NomConfig {
  const config = defaultConfig('bench-app');
  const targets = addresses.map((address, i) => ({ name: `target${i + 1}`, address }));
  return { ...config, probe, updown: { ...config.updown, interval: 1, targets } };
}

async function main(argv: readonly string[]): Promise<void> {
  const [work, probe, ...addresses] = argv;
  if (work === undefined || !(APP_PROBES as readonly string[]).includes(probe ?? '') || addresses.length === 0) {
    throw new Error(`usage: app-under-node.ts WORK_DIR ${APP_PROBES.join('|')} ADDRESS…`);
  }
  const dataDir = join(work, 'data');
  const settingsDir = join(work, 'settings');
  for (const dir of [dataDir, settingsDir, join(work, 'documents')]) mkdirSync(dir, { recursive: true });

  const log = createLogger('app');
  const zone = namedZone('UTC');
  const settings = new Conf<Record<string, unknown>>({ ...settingsStoreOptions(), cwd: settingsDir, configName: 'settings' });
  settings.store = configFor(addresses, probe as AppProbe);
  const probeOrder = helperLaunch({
    platform: process.platform,
    packaged: false,
    executable: process.execPath,
    resourcesDir: join(ROOT, 'dist'),
    devHelperMain: join(ROOT, 'dist/helper/main.js'),
    exists: existsSync,
  });
  let loginItem = false;
  const autostart: Autostart = {
    isEnabled: () => loginItem,
    setEnabled: (on) => {
      loginItem = on;
      return Promise.resolve();
    },
  };
  const electron = new WatchedElectron({ documents: join(work, 'documents'), userData: settingsDir, home: work, exe: process.execPath });
  const app = await startApp({
    electron,
    settings: () => settings,
    preferences: () => new Conf<Record<string, unknown>>({ cwd: settingsDir, configName: 'preferences' }),
    runtime: (config) => composeRuntime(config, { dataDir, log, zone, probeOrder, whenProbingFails: 'report' }),
    // The toasts are recorded in the log: this process has no desktop to show them on.
    toasts: { show: (toast) => log.info(`toast: ${toast.title}: ${toast.body}`) },
    reports: new ReportQueue(runReportJob),
    autostart,
    argv: [process.execPath, HIDDEN_FLAG],
    env: {},
    dataDir,
    clock: systemClock,
    zone,
    log,
    paths: { page: join(ROOT, 'dist/renderer/index.html'), preload: join(ROOT, 'dist/preload/preload.cjs'), icons: join(ROOT, 'assets/tray/') },
  });
  app.source.subscribe((event) => {
    if (event.type === 'transition') say({ kind: 'transition', at: performance.now(), target: event.target, status: event.status, initial: event.initial });
  });
  const status = await app.source.api.status({});
  say({ kind: 'ready', at: performance.now(), pid: process.pid, source: app.source.description, probing: status.probing });

  for await (const command of createInterface({ input: process.stdin })) {
    if (command === 'memory') say({ kind: 'memory', at: performance.now(), ...process.memoryUsage() });
    else if (command === 'quit') break;
    else log.warn(`unknown command ${JSON.stringify(command)}: memory or quit`);
  }
  // As the tray's Quit does: before-quit holds the app until the monitors have written STOPPED.
  electron.app.quit();
  while (electron.app.quits === 0) await new Promise((resolve) => setTimeout(resolve, QUIT_POLL_MS));
  say({ kind: 'stopped', at: performance.now() });
  process.exit(0);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).catch((err: unknown) => {
    process.stderr.write(`app-under-node: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  });
}
