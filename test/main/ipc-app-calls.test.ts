import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { ApiFailure } from '../../src/shared/api-contract.js';
import { createLogger } from '../../src/core/log.js';
import { namedZone } from '../../src/core/time/zone.js';
import { setupIpc, type AppPreferencesPort } from '../../src/main/ipc.js';
import { localSource } from '../../src/main/local-source.js';
import { setupWindows } from '../../src/main/windows.js';
import type { AppPreferences } from '../../src/shared/app-preferences.js';
import { appChannel, appCallNames, type PreferencesValue } from '../../src/shared/ipc-contract.js';
import { FakeElectron } from '../support/electron-fake.js';
import { tempDir } from '../support/tmp.js';
import { outage, runtimeRig } from '../core/runtime/runtime-rig.js';

const PAGE = '/opt/nom/resources/app.asar/dist/renderer/index.html';
const PAGE_URL = pathToFileURL(PAGE).href;
type From = { sender: { id: number }; frameUrl: string | null };

const PI = { url: 'http://pi.local:8754', token: 'pi-token_0123456789' };
const OUT_OF_REACH = 'the daemon at http://pi.local:8754 does not answer; it is shown as out of reach until it does';

/** The app's preferences as app.ts keeps them, recorded: each save is what main was asked to switch to. */
function recordingPreferences() {
  let kept: AppPreferences = { watch: null };
  const saves: AppPreferences[] = [];
  let reads = 0;
  const valueOf = (): PreferencesValue => ({ preferences: kept, watching: kept.watch?.url ?? null, note: kept.watch === null ? null : OUT_OF_REACH });
  const port: AppPreferencesPort = {
    preferences: () => {
      reads += 1;
      return Promise.resolve(valueOf());
    },
    savePreferences: (preferences) => {
      saves.push(preferences);
      if (preferences.watch?.url === 'http://refused.example:8754') return Promise.reject(new ApiFailure('busy', 'the app is still switching: try again shortly'));
      kept = preferences;
      return Promise.resolve(valueOf());
    },
  };
  return { port, saves, reads: () => reads };
}

/** main.ts's wiring on the shared fake: the real window manager and IPC, with or without the app's preferences. */
function appRig(app: AppPreferencesPort | undefined) {
  const data = tempDir();
  const rig = runtimeRig(data, outage(5, 25));
  const source = localSource(rig.runtime, { dataDir: data, settings: { path: join(data, 'settings.json'), save: () => undefined }, zone: namedZone('UTC'), reports: { run: () => Promise.resolve(new Uint8Array()) } });
  const electron = new FakeElectron({ documents: tempDir() });
  const lines: string[] = [];
  const log = createLogger('ipc', { write: (line) => lines.push(line) });
  const windows = setupWindows({ createWindow: (o) => electron.createWindow(o), session: electron.defaultSession(), pagePath: PAGE, preloadPath: '/nonexistent/preload.cjs', log });
  setupIpc({ ipcMain: electron.ipcMain, source, isOwnSender: windows.isOwnSender, windowOf: windows.windowOf, saveReport: () => Promise.resolve(), log, ...(app && { app }) });
  windows.openDashboard();
  const window = electron.openWindows()[0]!;
  const own: From = { sender: { id: window.webContents.id }, frameUrl: `${PAGE_URL}#/settings` };
  const ask = (name: string, request: unknown, from: From = own) => electron.ipcMain.invoke(`nom:app:${name}`, from, request);
  return { rig, window, own, ask, lines };
}

describe("IPC: the app's own calls (its preferences)", () => {
  const prefs = recordingPreferences();
  const app = appRig(prefs.port);
  after(() => app.rig.stop());

  it('has one channel per app call, apart from the API', () => {
    assert.deepEqual(appCallNames.map(appChannel), ['nom:app:preferences', 'nom:app:preferences-save']);
  });

  it("answers the own page: what is kept and shown, then a save switches and says what the app shows now", async () => {
    assert.deepEqual(await app.ask('preferences', {}), { ok: true, value: { preferences: { watch: null }, watching: null, note: null } });
    const saved = await app.ask('preferences-save', { watch: { url: ` ${PI.url} `, token: PI.token } });
    assert.deepEqual(saved, { ok: true, value: { preferences: { watch: PI }, watching: PI.url, note: OUT_OF_REACH } });
    assert.deepEqual(prefs.saves, [{ watch: PI }], 'main was asked once, with the preferences as parsed (the address trimmed)');
    assert.deepEqual(await app.ask('preferences-save', { watch: null }), { ok: true, value: { preferences: { watch: null }, watching: null, note: null } });
    assert.deepEqual(prefs.saves.at(-1), { watch: null }, 'un-naming the daemon is a save like another');
  });

  it("a refusal of the app's reaches the window as its envelope", async () => {
    const answer = await app.ask('preferences-save', { watch: { url: 'http://refused.example:8754', token: null } });
    assert.deepEqual(answer, { ok: false, error: { code: 'busy', message: 'the app is still switching: try again shortly' } });
  });

  it('from an unknown sender or a foreign frame: forbidden, and the preferences are neither read nor saved', async () => {
    const before = prefs.saves.length;
    const readsBefore = prefs.reads();
    const strangers: [string, From][] = [
      ['an unknown sender', { sender: { id: app.window.webContents.id + 1000 }, frameUrl: PAGE_URL }],
      ['a web page in the window', { sender: { id: app.window.webContents.id }, frameUrl: 'https://evil.example/' }],
      ['a frame already gone', { sender: { id: app.window.webContents.id }, frameUrl: null }],
    ];
    for (const [who, from] of strangers) {
      for (const [name, request] of [['preferences', {}], ['preferences-save', { watch: PI }]] as const) {
        assert.deepEqual(await app.ask(name, request, from), { ok: false, error: { code: 'forbidden', message: "only the app's own window may ask this" } }, `${name} from ${who}`);
      }
    }
    assert.equal(prefs.reads(), readsBefore, 'nothing was read for a stranger');
    assert.equal(prefs.saves.length, before, 'nothing was saved for a stranger');
    assert.ok(app.lines.some((l) => l.includes('IPC preferences-save') && l.includes('evil.example')), 'each refusal is logged');
  });

  it('a bad payload: bad-request naming the field, and nothing is saved', async () => {
    const before = prefs.saves.length;
    const cases: [unknown, RegExp][] = [
      [{ watch: { url: 'ftp://x', token: null } }, /^watch\.url: must be the daemon's address/],
      [{ watch: { url: 'http://pi.local:8754/api', token: null } }, /^watch\.url: /],
      [{ watch: { url: PI.url, token: 'two words' } }, /^watch\.token: must be the daemon's access token.*\.http-token/],
      [{ watch: { url: PI.url } }, /^watch\.token: /],
      [{ watch: null, theme: 'dark' }, /^unknown parameter "theme"$/],
      ['watch', /./],
    ];
    for (const [request, message] of cases) {
      const answer = (await app.ask('preferences-save', request)) as { ok: boolean; error?: { code: string; message: string } };
      assert.equal(answer.error?.code, 'bad-request', JSON.stringify(request));
      assert.match(answer.error.message, message);
    }
    assert.equal(prefs.saves.length, before);
  });
});

describe("IPC: the app's own calls where no preferences are kept", () => {
  const app = appRig(undefined);
  after(() => app.rig.stop());

  it("answers 'unavailable' to the own page, and still refuses strangers and bad payloads first", async () => {
    const unavailable = { ok: false, error: { code: 'unavailable', message: 'this window keeps no app preferences' } };
    assert.deepEqual(await app.ask('preferences', {}), unavailable);
    assert.deepEqual(await app.ask('preferences-save', { watch: null }), unavailable);
    assert.deepEqual(await app.ask('preferences', {}, { sender: { id: app.window.webContents.id }, frameUrl: 'https://evil.example/' }), {
      ok: false,
      error: { code: 'forbidden', message: "only the app's own window may ask this" },
    });
    const bad = (await app.ask('preferences-save', { watch: { url: 'ftp://x', token: null } })) as { error: { code: string } };
    assert.equal(bad.error.code, 'bad-request');
  });
});
