import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createLogger } from '../../src/core/log.js';
import { namedZone } from '../../src/core/time/zone.js';
import { setupIpc } from '../../src/main/ipc.js';
import { localSource } from '../../src/main/local-source.js';
import { reportSaver } from '../../src/main/save-report.js';
import { setupWindows } from '../../src/main/windows.js';
import { CHROMIUM, CHROMIUM_ARGS, chromiumMissing } from '../support/chromium.js';
import { FakeElectron } from '../support/electron-fake.js';
import { preloadForPage, type Delivery } from '../support/preload-for-page.js';
import { tempDir } from '../support/tmp.js';
import { runtimeRig, TARGET } from '../core/runtime/runtime-rig.js';
import { UI_DIR } from './fake-api.js';

/**
 * The built dashboard as the app's window shows it — from file://, under its own page's policy —
 * with the real preload (bundled with a stand-in for `electron` whose ipcRenderer reaches the
 * test) talking to the real IPC handlers of main on the shared Electron fake, which serve a
 * real runtime on a scripted network. Electron itself cannot run here; what crosses its IPC is
 * plain data, as it crosses a Playwright binding.
 */
const PAGE = join(UI_DIR, 'index.html');

const missing = chromiumMissing();
if (missing !== null) console.log(`skipping the window's IPC test: ${missing}`);

describe("the dashboard in the app's window, over the preload and main's IPC", { skip: missing ?? false }, () => {
  const data = tempDir();
  let down = false;
  const rig = runtimeRig(data, () => (down ? { kind: 'drop' } : { kind: 'reply', rttMs: 5 }));
  const electron = new FakeElectron({ documents: tempDir() });
  const log = createLogger('ipc', { write: () => undefined });
  const saves: unknown[] = [];
  const source = localSource(rig.runtime, {
    dataDir: data,
    settings: { path: join(data, 'settings.json'), save: (c) => void saves.push(c) },
    zone: namedZone('UTC'),
    reports: { run: () => Promise.resolve(new Uint8Array()) },
  });
  const windows = setupWindows({ createWindow: (o) => electron.createWindow(o), session: electron.defaultSession(), pagePath: PAGE, preloadPath: join(UI_DIR, '../preload/preload.cjs'), log });
  setupIpc({
    ipcMain: electron.ipcMain,
    source,
    isOwnSender: windows.isOwnSender,
    windowOf: windows.windowOf,
    saveReport: reportSaver({ dialog: electron.dialog, shell: electron.shell, source, documentsDir: tempDir(), now: () => rig.runtime.status().now }),
    log,
  });
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];
  const requests: string[] = [];
  const invoked: string[] = [];
  const stateOf = (target: string) => page.locator(`.target:has(#target-${target}) .state-word`);

  before(async () => {
    if (!existsSync(PAGE)) {
      const made = spawnSync(process.execPath, [fileURLToPath(new URL('../../scripts/build-renderer.mjs', import.meta.url))], { stdio: 'inherit' });
      assert.equal(made.status, 0, 'the renderer bundle did not build');
    }
    await rig.runtime.start();
    await rig.clock.advance(10_000);
    windows.openDashboard();
    const appWindow = electron.openWindows()[0]!;
    // Electron lets a page from file:// load its module script from beside it; Chromium needs to be told.
    browser = await chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS, '--allow-file-access-from-files'] });
    page = await browser.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('request', (r) => requests.push(r.url()));
    await page.exposeBinding('nomInvoke', ({ frame }, channel: string, ...args: unknown[]) => {
      invoked.push(channel);
      return rig.settle(electron.ipcMain.invoke(channel, { sender: { id: appWindow.webContents.id }, frameUrl: frame.url() }, ...args));
    });
    await page.addInitScript({ content: await preloadForPage() });
    // What main sends the window reaches the page as ipcRenderer's events would.
    const send = appWindow.webContents.send.bind(appWindow.webContents);
    appWindow.webContents.send = (channel, ...args) => {
      send(channel, ...args);
      void page.evaluate(([c, a]) => (globalThis as unknown as Delivery).__nomDeliver(c, a), [channel, args] as const);
    };
    await page.goto(`${pathToFileURL(PAGE).href}#/`);
  });

  after(async () => {
    // Closing the window ends its feed, before the page it was forwarded to goes.
    windows.close();
    await browser?.close();
    await rig.stop();
  });

  it("shows the app's own runtime: its target up, then down and up again as live events arrive", async () => {
    await stateOf(TARGET.name).filter({ hasText: 'Up' }).waitFor({ timeout: 10_000 });
    down = true;
    await rig.clock.advance(30_000);
    await stateOf(TARGET.name).filter({ hasText: 'Down' }).waitFor({ timeout: 5_000 });
    down = false;
    await rig.clock.advance(10_000);
    await stateOf(TARGET.name).filter({ hasText: 'Up' }).waitFor({ timeout: 5_000 });
  });

  it("pauses the app's monitors from the page, and resumes them", async () => {
    await page.getByRole('button', { name: '15 minutes' }).click();
    await page.getByRole('heading', { name: 'Probing is paused' }).waitFor();
    assert.notEqual(rig.runtime.status().paused, null);
    await page.getByRole('button', { name: 'Resume probing' }).click();
    await page.getByRole('heading', { name: 'Pause probing' }).waitFor();
    assert.equal(rig.runtime.status().paused, null);
  });

  it('says Live once main took its feed, and drops and counts an event that is not of the contract', async () => {
    await page.locator('.live-on', { hasText: 'Live' }).waitFor();
    await page.evaluate(() => (globalThis as unknown as Delivery).__nomDeliver('nom:event', [{ type: 'no-such-event', at: 1 }]));
    await rig.clock.advance(5_000);
    const live = page.locator('.live[title*="not understood"]');
    await live.waitFor({ timeout: 5_000 });
    assert.match((await live.getAttribute('title')) ?? '', /^1 live update not understood and ignored$/);
  });

  it('the bridge is four functions, and a name that is not a call is refused before anything is sent', async () => {
    assert.deepEqual(await page.evaluate(() => Object.keys((globalThis as unknown as { nom: object }).nom)), ['call', 'onEvent', 'saveReport', 'app']);
    const refused = await page.evaluate(() =>
      (globalThis as unknown as { nom: { call: (name: string, request: unknown) => Promise<unknown> } }).nom.call('settings-save-all', {}).then(
        () => 'answered',
        (err: unknown) => (err instanceof Error ? err.message : String(err)),
      ),
    );
    assert.equal(refused, '"settings-save-all" is not a call of the API');
    assert.ok(!invoked.some((c) => c.includes('settings-save-all')), 'nothing of it reached main');
    assert.ok(invoked.includes('nom:api:status') && invoked.includes('nom:events:start'), `the page spoke to main over the bridge: ${[...new Set(invoked)].join(', ')}`);
  });

  it('asked nothing of any server, loaded only its own files, and logged no error or policy violation', () => {
    const own = pathToFileURL(UI_DIR).href;
    assert.deepEqual(
      requests.filter((r) => !r.startsWith(own)),
      [],
      'every request is a file of the bundle',
    );
    assert.deepEqual(problems, []);
  });
});
