import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { createLogger } from '../../src/core/log.js';
import { setupWindows } from '../../src/main/windows.js';
import { FakeElectron, type FakeWindow } from '../support/electron-fake.js';

const PAGE = '/opt/nom/resources/app.asar/dist/renderer/index.html';
const PRELOAD = '/opt/nom/resources/app.asar/dist/preload/preload.cjs';
const PAGE_URL = pathToFileURL(PAGE).href;

function rig() {
  const electron = new FakeElectron();
  const lines: string[] = [];
  const windows = setupWindows({
    createWindow: (options) => electron.createWindow(options),
    session: electron.defaultSession(),
    pagePath: PAGE,
    preloadPath: PRELOAD,
    log: createLogger('windows', { write: (line) => lines.push(line) }),
  });
  const only = (): FakeWindow => {
    const open = electron.openWindows();
    assert.equal(open.length, 1, 'one window is open');
    return open[0]!;
  };
  return { electron, windows, lines, only };
}

/** Lets the window's ready-to-show arrive, as Electron sends it once the page is painted. */
const painted = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('the app window', () => {
  it('is sandboxed with context isolation, no Node, web security on, the preload its one link; shown once ready', async () => {
    const { windows, only } = rig();
    windows.openDashboard();
    const window = only();
    const prefs = window.options.webPreferences;
    assert.equal(prefs?.contextIsolation, true);
    assert.equal(prefs?.sandbox, true);
    assert.equal(prefs?.nodeIntegration, false);
    assert.equal(prefs?.nodeIntegrationInSubFrames, false);
    assert.equal(prefs?.nodeIntegrationInWorker, false);
    assert.equal(prefs?.webSecurity, true);
    assert.equal(prefs?.allowRunningInsecureContent, false);
    assert.equal(prefs?.webviewTag, false);
    assert.equal(prefs?.preload, PRELOAD);
    assert.equal(window.options.show, false, 'no blank window before the page is painted');
    assert.deepEqual(window.loaded, { path: PAGE, hash: '/' });
    assert.equal(window.shown, 0);
    await painted();
    assert.equal(window.shown, 1);
    assert.equal(windows.isDashboardInFront(), true);
  });

  it("refuses navigation and redirects away from the app's page, and every new window", () => {
    const { windows, only, lines } = rig();
    windows.openDashboard();
    const contents = only().webContents;
    for (const url of ['https://evil.example/', 'file:///tmp/x.html', `${PAGE_URL}?x=1`, 'javascript:alert(1)', 'not a url']) {
      assert.equal(contents.navigate(url), false, `will-navigate to ${url}`);
      assert.equal(contents.navigate(url, 'will-redirect'), false, `will-redirect to ${url}`);
    }
    assert.equal(contents.navigate(`${PAGE_URL}#/history`), true, 'its own page, another view');
    assert.ok(contents.openHandler, 'a window-open handler is set');
    assert.deepEqual(contents.openHandler({ url: 'https://evil.example/' }), { action: 'deny' });
    assert.deepEqual(contents.openHandler({ url: `${PAGE_URL}#/report` }), { action: 'deny' });
    assert.ok(lines.some((l) => l.includes('refused to leave') && l.includes('evil.example')), 'each refusal is logged');
  });

  it('denies every permission request and check on the default session', () => {
    const { electron } = rig();
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen']) {
      assert.equal(electron.session.ask(permission), false, permission);
    }
    assert.equal(electron.session.checkHandler?.(), false);
  });

  it('closing destroys the window and its renderer; the next open makes a new one', async () => {
    const { electron, windows, only } = rig();
    windows.openDashboard();
    const first = only();
    await painted();
    first.close();
    assert.equal(first.webContents.isDestroyed(), true);
    assert.deepEqual(electron.openWindows(), []);
    assert.equal(windows.isDashboardInFront(), false);
    windows.openDashboard();
    const second = only();
    assert.notEqual(second, first);
    assert.equal(electron.windows.length, 2);
    await painted();
    assert.equal(second.shown, 1);
  });

  it('a second open brings the one window back: restored, shown and focused, not a new one', async () => {
    const { electron, windows, only } = rig();
    windows.openDashboard();
    await painted();
    const window = only();
    window.blur();
    window.minimized = true;
    assert.equal(windows.isDashboardInFront(), false);
    windows.openDashboard();
    assert.equal(electron.windows.length, 1);
    assert.equal(window.minimized, false);
    assert.equal(window.focused, true);
    assert.deepEqual(window.loaded, { path: PAGE, hash: '/' }, 'the view shown is left as it is');
    assert.equal(windows.isDashboardInFront(), true);
  });

  it('settings opens the window on #/settings, or moves the open one there', async () => {
    const { electron, windows, only } = rig();
    windows.openSettings();
    assert.deepEqual(only().loaded, { path: PAGE, hash: '/settings' });
    only().close();
    windows.openDashboard('/history');
    await painted();
    windows.openSettings();
    assert.equal(electron.openWindows().length, 1);
    assert.deepEqual(only().loaded, { path: PAGE, hash: '/settings' });
  });

  it("knows its own sender: the app's page in its own window, and nothing else", () => {
    const { windows, only } = rig();
    const ask = (id: number, frameUrl: string | null) => windows.isOwnSender({ sender: { id }, senderFrame: frameUrl === null ? null : { url: frameUrl } });
    assert.equal(ask(1, PAGE_URL), false, 'no window is open yet');
    windows.openDashboard();
    const window = only();
    const id = window.webContents.id;
    assert.equal(ask(id, PAGE_URL), true);
    assert.equal(ask(id, `${PAGE_URL}#/settings`), true);
    assert.equal(ask(id + 1000, PAGE_URL), false, 'another webContents');
    assert.equal(ask(id, 'https://evil.example/'), false);
    assert.equal(ask(id, 'file:///tmp/x.html'), false);
    assert.equal(ask(id, null), false, 'a frame already gone');
    assert.equal(windows.windowOf(id), window);
    assert.equal(windows.windowOf(id + 1000), null);
    window.close();
    assert.equal(ask(id, PAGE_URL), false, 'a closed window');
    assert.equal(windows.windowOf(id), null);
  });

  it('close() closes the open window, as on quitting', () => {
    const { electron, windows, only } = rig();
    windows.close();
    windows.openDashboard();
    const window = only();
    windows.close();
    assert.equal(window.isDestroyed(), true);
    assert.deepEqual(electron.openWindows(), []);
  });
});
