import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createLogger } from '../../src/core/log.js';
import { namedZone } from '../../src/core/time/zone.js';
import { setupIpc, type AppPreferencesPort } from '../../src/main/ipc.js';
import { localSource } from '../../src/main/local-source.js';
import { setupWindows } from '../../src/main/windows.js';
import type { AppPreferences } from '../../src/shared/app-preferences.js';
import type { PreferencesValue } from '../../src/shared/ipc-contract.js';
import { CHROMIUM, CHROMIUM_ARGS, chromiumMissing } from '../support/chromium.js';
import { FakeElectron } from '../support/electron-fake.js';
import { preloadForPage } from '../support/preload-for-page.js';
import { tempDir } from '../support/tmp.js';
import { runtimeRig } from '../core/runtime/runtime-rig.js';
import { startFakeApi, UI_DIR, type FakeApi } from './fake-api.js';

/**
 * The settings view's "Watch a daemon instead" in a real browser: in the app's window (the
 * built page from file://, the real preload bundled with a stand-in for `electron`, main's real
 * IPC on the shared fake) what the user names is what main is asked to switch to, and main's
 * note is shown; in a browser on a daemon (over HTTP) the section is not there at all.
 * Screenshots are left in SHOTS to look at.
 */
const SHOTS = '/tmp/nom-shots';
const PAGE = join(UI_DIR, 'index.html');
const TOKEN = 'test-token-watch-0123456789-abcdefghijkl';
const PI = { url: 'http://pi.local:8754', token: 'pi-token_0123456789' };
const NOTE = 'the daemon at http://pi.local:8754 does not answer: its name is not known on this network; it is shown as out of reach until it does';

/** The app's preferences as app.ts would keep them, each save recorded; a named daemon is said to be out of reach. */
function recordingPreferences() {
  let kept: AppPreferences = { watch: null };
  const saves: AppPreferences[] = [];
  const valueOf = (): PreferencesValue => ({ preferences: kept, watching: kept.watch?.url ?? null, note: kept.watch === null ? null : NOTE });
  const port: AppPreferencesPort = {
    preferences: () => Promise.resolve(valueOf()),
    savePreferences: (preferences) => {
      saves.push(preferences);
      kept = preferences;
      return Promise.resolve(valueOf());
    },
  };
  return { port, saves };
}

function buildRenderer(): void {
  // npm test builds the bundle first (rebuilt here, it would vanish under the other browser tests running beside this one).
  if (existsSync(PAGE)) return;
  const made = spawnSync(process.execPath, [fileURLToPath(new URL('../../scripts/build-renderer.mjs', import.meta.url))], { stdio: 'inherit' });
  assert.equal(made.status, 0, 'the renderer bundle did not build');
}

const missing = chromiumMissing();
if (missing !== null) console.log(`skipping the watch-a-daemon settings test: ${missing}`);

describe("'Watch a daemon instead' in the app's window, over the preload and main's IPC", { skip: missing ?? false }, () => {
  const data = tempDir();
  const rig = runtimeRig(data, () => ({ kind: 'reply', rttMs: 5 }));
  const electron = new FakeElectron({ documents: tempDir() });
  const log = createLogger('ipc', { write: () => undefined });
  const prefs = recordingPreferences();
  const source = localSource(rig.runtime, { dataDir: data, settings: { path: join(data, 'settings.json'), save: () => undefined }, zone: namedZone('UTC'), reports: { run: () => Promise.resolve(new Uint8Array()) } });
  const windows = setupWindows({ createWindow: (o) => electron.createWindow(o), session: electron.defaultSession(), pagePath: PAGE, preloadPath: join(UI_DIR, '../preload/preload.cjs'), log });
  setupIpc({ ipcMain: electron.ipcMain, source, isOwnSender: windows.isOwnSender, windowOf: windows.windowOf, saveReport: () => Promise.resolve(), log, app: prefs.port });
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];
  const invoked: string[] = [];
  const section = () => page.locator('section[aria-labelledby="section-watch"]');
  const save = () => section().getByRole('button', { name: 'Save and switch' }).click();

  before(async () => {
    buildRenderer();
    mkdirSync(SHOTS, { recursive: true });
    await rig.runtime.start();
    windows.openDashboard();
    const appWindow = electron.openWindows()[0]!;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS, '--allow-file-access-from-files'] });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    await page.exposeBinding('nomInvoke', ({ frame }, channel: string, ...args: unknown[]) => {
      invoked.push(channel);
      return rig.settle(electron.ipcMain.invoke(channel, { sender: { id: appWindow.webContents.id }, frameUrl: frame.url() }, ...args));
    });
    await page.addInitScript({ content: await preloadForPage() });
    await page.goto(`${pathToFileURL(PAGE).href}#/settings`);
    await section().waitFor();
  });

  after(async () => {
    windows.close();
    await browser?.close();
    await rig.stop();
  });

  it('says the app monitors on this computer, with nothing to save yet', async () => {
    await section().getByText('Now monitoring on this computer').waitFor();
    assert.equal(await section().getByLabel('Monitor on this computer').isChecked(), true);
    assert.equal(await section().getByRole('button', { name: 'Save and switch' }).isDisabled(), true);
  });

  it("refuses a bad address and a bad token at their fields, in the schema's words, and asks main nothing", async () => {
    await section().getByLabel('Watch the nom daemon at this address').check();
    const url = section().getByLabel("Daemon's address");
    const token = section().getByLabel('Access token (optional)');
    await url.fill('ftp://x');
    await save();
    await section().locator('#field-watch-url-error').filter({ hasText: "must be the daemon's address" }).waitFor();
    assert.equal(await url.getAttribute('aria-invalid'), 'true');
    await url.fill(PI.url);
    await token.fill('two words');
    await save();
    await section().locator('#field-watch-token-error').filter({ hasText: '.http-token' }).waitFor();
    assert.equal(await section().locator('#field-watch-url-error').count(), 0, "the address's message is gone once it is right");
    assert.deepEqual(prefs.saves, []);
  });

  it('naming the daemon with its token saves those preferences through the bridge, and shows what main says of it', async () => {
    await section().getByLabel('Access token (optional)').fill(PI.token);
    await save();
    await section().getByText(`Now watching the daemon at ${PI.url}`).waitFor();
    await section().getByText(NOTE).waitFor();
    assert.deepEqual(prefs.saves, [{ watch: PI }]);
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      await section().screenshot({ path: `${SHOTS}/settings-watch-${colorScheme}.png` });
    }
    await page.emulateMedia({ colorScheme: 'light' });
    console.log(`screenshots: ${SHOTS}/settings-watch-*.png`);
  });

  it('monitoring on this computer again is saved as no daemon, and the note goes', async () => {
    await section().getByLabel('Monitor on this computer').check();
    await save();
    await section().getByText('Now monitoring on this computer').waitFor();
    assert.deepEqual(prefs.saves.at(-1), { watch: null });
    assert.equal(await section().getByText(NOTE).count(), 0);
    // The configuration's form, asked again after the switch, is still there below.
    await page.locator('section[aria-labelledby="section-data"]').waitFor();
  });

  it("the bridge refuses a name that is not one of the app's calls before anything is sent", async () => {
    const refused = await page.evaluate(() =>
      (globalThis as unknown as { nom: { app: (name: string, request: unknown) => Promise<unknown> } }).nom.app('preferences-reset', {}).then(
        () => 'answered',
        (err: unknown) => (err instanceof Error ? err.message : String(err)),
      ),
    );
    assert.equal(refused, '"preferences-reset" is not a call of the app');
    assert.ok(!invoked.some((c) => c.includes('preferences-reset')), 'nothing of it reached main');
    assert.ok(invoked.includes('nom:app:preferences') && invoked.includes('nom:app:preferences-save'), `the section spoke to main over the bridge: ${[...new Set(invoked)].join(', ')}`);
  });

  it('logged no error or policy violation', () => {
    assert.deepEqual(problems, []);
  });
});

describe("'Watch a daemon instead' in a browser on a daemon", { skip: missing ?? false }, () => {
  let fake: FakeApi;
  let browser: Browser;

  before(async () => {
    buildRenderer();
    fake = await startFakeApi({ token: TOKEN, outagesPerYear: 10 });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  });

  after(async () => {
    await browser?.close();
    await fake?.close();
  });

  it('is not there: a browser has no app to switch', async () => {
    const page = await browser.newPage();
    await page.goto(`${fake.url}/#token=${TOKEN}`);
    await page.evaluate("location.hash = '#/settings'");
    await page.locator('section[aria-labelledby="section-data"]').waitFor();
    assert.equal(await page.locator('section[aria-labelledby="section-watch"]').count(), 0);
    assert.equal(await page.getByText('Watch a daemon instead').count(), 0);
  });
});
