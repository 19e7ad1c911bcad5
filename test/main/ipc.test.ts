import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { apiApp } from '../../src/core/http/api-app.js';
import { eventStreams } from '../../src/core/http/event-stream.js';
import { createLogger } from '../../src/core/log.js';
import type { SettingsSaver } from '../../src/core/runtime/api-handlers.js';
import { namedZone } from '../../src/core/time/zone.js';
import { setupIpc } from '../../src/main/ipc.js';
import { localSource } from '../../src/main/local-source.js';
import type { MonitorSource } from '../../src/main/monitor-source.js';
import { reportSaver } from '../../src/main/save-report.js';
import { setupWindows } from '../../src/main/windows.js';
import type { ApiValueCall } from '../../src/shared/api-contract.js';
import type { NomConfig } from '../../src/shared/config-schema.js';
import { ackAnswer, callAnswer, callChannel, eventChannels, reportChannel, valueCallNames } from '../../src/shared/ipc-contract.js';
import { busEvent } from '../../src/shared/live-events.js';
import { FakeElectron, type FakeWindow } from '../support/electron-fake.js';
import { tempDir } from '../support/tmp.js';
import { outage, runtimeRig, S0 } from '../core/runtime/runtime-rig.js';

const PAGE = '/opt/nom/resources/app.asar/dist/renderer/index.html';
const PAGE_URL = pathToFileURL(PAGE).href;
type From = { sender: { id: number }; frameUrl: string | null };

/**
 * The app's window and main, as main.ts wires them: the real window manager and IPC handlers on
 * the shared Electron fake, serving the app's own runtime (a scripted network, a fake clock) as
 * a localSource. A save of the settings is recorded, a report's bytes say what job made them.
 */
function appRig() {
  const data = tempDir();
  const documents = tempDir();
  const rig = runtimeRig(data, outage(5, 25));
  const saves: NomConfig[] = [];
  const settings: SettingsSaver = { path: join(data, 'settings.json'), save: (config) => void saves.push(config) };
  const reports = { run: (job: unknown) => Promise.resolve(new TextEncoder().encode(`report of ${JSON.stringify(job)}`)) };
  const source = localSource(rig.runtime, { dataDir: data, settings, zone: namedZone('UTC'), reports });
  const electron = new FakeElectron({ documents });
  const lines: string[] = [];
  const log = createLogger('ipc', { minLevel: 'debug', write: (line) => lines.push(line) });
  const windows = setupWindows({ createWindow: (o) => electron.createWindow(o), session: electron.defaultSession(), pagePath: PAGE, preloadPath: '/nonexistent/preload.cjs', log });
  const saveReport = reportSaver({ dialog: electron.dialog, shell: electron.shell, source, documentsDir: documents, now: () => rig.runtime.status().now });
  const ipc = setupIpc({ ipcMain: electron.ipcMain, source, isOwnSender: windows.isOwnSender, windowOf: windows.windowOf, saveReport, log });
  windows.openDashboard();
  const window = electron.openWindows()[0]!;
  const own: From = { sender: { id: window.webContents.id }, frameUrl: `${PAGE_URL}#/` };
  const invoke = (channel: string, from: From, ...args: unknown[]) => rig.settle(electron.ipcMain.invoke(channel, from, ...args));
  const call = (name: ApiValueCall, request: unknown, from: From = own) => invoke(callChannel(name), from, request);
  return { ...rig, data, documents, saves, source, electron, windows, window, own, invoke, call, ipc, lines, log };
}

/** Strangers: another webContents with the app's page, and the app's own window showing another page. */
const strangers = (window: FakeWindow): [string, From][] => [
  ['an unknown sender', { sender: { id: window.webContents.id + 1000 }, frameUrl: PAGE_URL }],
  ['a web page in the window', { sender: { id: window.webContents.id }, frameUrl: 'https://evil.example/' }],
  ['another file in the window', { sender: { id: window.webContents.id }, frameUrl: 'file:///tmp/x.html' }],
  ['a frame already gone', { sender: { id: window.webContents.id }, frameUrl: null }],
];

const eventsSent = (window: FakeWindow) => window.webContents.sent.filter((s) => s.channel === eventChannels.event);

describe('IPC: the window asks main', () => {
  // Made as the suite is read: tempDir's clean-up then belongs to the suite, not to the hook.
  const app = appRig();
  before(async () => {
    await app.runtime.start();
    await app.clock.advance(60_000);
  });
  after(() => app.stop());

  it('every enveloped call of the contract answers the own page with its envelope', async () => {
    const history = await app.call('history', { from: String(S0 - 3_600), to: String(S0 + 60) });
    const outages = (history as { ok: true; value: { outages: { target: string; start: number }[] } }).value.outages;
    assert.equal(outages.length, 1, 'the scripted outage is in the history');
    const config = app.runtime.currentConfig;
    const requests: Record<ApiValueCall, unknown> = {
      status: {},
      samples: { minutes: '5' },
      history: { from: S0 - 3_600, to: S0 + 60 },
      outage: { target: outages[0]!.target, start: outages[0]!.start },
      targets: {},
      settings: {},
      'settings-validate': { config },
      'settings-save': { config: { ...config, note: 'saved from the window' } },
      pause: { minutes: 15 },
      resume: {},
    };
    assert.deepEqual(Object.keys(requests).sort(), [...valueCallNames].sort(), 'every call is tried');
    for (const name of valueCallNames) {
      const answer = await app.call(name, requests[name]);
      const parsed = callAnswer(name).safeParse(answer);
      assert.ok(parsed.success, `${name}: ${JSON.stringify(answer).slice(0, 300)}`);
      assert.equal(parsed.data.ok, true, `${name}: ${JSON.stringify(answer).slice(0, 300)}`);
    }
    assert.equal(app.saves.at(-1)?.note, 'saved from the window');
    assert.equal(app.runtime.currentConfig.note, 'saved from the window');
    assert.equal(app.runtime.status().paused, null, 'paused, then resumed');
  });

  it('a handler refusal comes back as its envelope; a fault of ours as internal, told only to the log', async () => {
    assert.deepEqual(await app.call('samples', { target: 'nope' }), { ok: false, error: { code: 'not-found', message: 'no updown target is named "nope"' } });
    const broken: MonitorSource = { ...app.source, api: { ...app.source.api, status: () => Promise.reject(new Error('disk on fire')) } };
    const electron = new FakeElectron();
    const lines: string[] = [];
    setupIpc({
      ipcMain: electron.ipcMain,
      source: broken,
      isOwnSender: () => true,
      windowOf: () => null,
      saveReport: () => Promise.resolve(),
      log: createLogger('ipc', { write: (line) => lines.push(line) }),
    });
    const answer = await electron.ipcMain.invoke(callChannel('status'), app.own, {});
    assert.deepEqual(answer, { ok: false, error: { code: 'internal', message: 'internal error: the app log has the details' } });
    assert.ok(lines.some((l) => l.includes('IPC status') && l.includes('disk on fire')), lines.join('\n'));
  });
});

describe('IPC: a stranger or a bad payload is refused and changes nothing', () => {
  const app = appRig();
  before(async () => {
    await app.runtime.start();
    await app.clock.advance(10_000);
  });
  after(() => app.stop());

  it('from an unknown sender or a foreign frame: forbidden, before anything runs', async () => {
    const config = structuredClone(app.runtime.currentConfig);
    for (const [who, from] of strangers(app.window)) {
      for (const [name, request] of [
        ['settings-save', { config: { ...config, note: 'changed by a stranger' } }],
        ['pause', { minutes: null }],
        ['status', {}],
      ] as const) {
        const answer = await app.call(name, request, from);
        assert.deepEqual(answer, { ok: false, error: { code: 'forbidden', message: "only the app's own window may ask this" } }, `${name} from ${who}`);
      }
      assert.deepEqual(await app.invoke(reportChannel, from, { format: 'pdf' }), { ok: false, error: { code: 'forbidden', message: "only the app's own window may ask this" } });
      assert.equal(ackAnswer.parse(await app.invoke(eventChannels.start, from)).ok, false, `the feed to ${who}`);
    }
    assert.deepEqual(app.runtime.currentConfig, config, 'the configuration is as it was');
    assert.deepEqual(app.saves, [], 'nothing was saved');
    assert.equal(app.runtime.status().paused, null, 'not paused');
    assert.deepEqual(app.electron.dialog.saves, [], 'no save dialog was opened');
    await app.clock.advance(5_000);
    assert.deepEqual(eventsSent(app.window), [], 'no feed was started');
    assert.ok(app.lines.some((l) => l.includes('refused a message') && l.includes('evil.example')), 'each refusal is logged');
  });

  it('a bad payload: bad-request naming the field, in the words the HTTP API uses, and nothing runs', async () => {
    const http = apiApp({
      handlers: app.source.api,
      events: eventStreams((listener) => app.source.subscribe(listener), app.log),
      dataDir: app.data,
      reports: { run: () => Promise.reject(new Error('no report here')) },
      now: () => app.runtime.status().now,
      liveTargets: () => app.runtime.liveTargets(),
      uiDir: tempDir(),
      token: null,
      log: app.log,
      acceptsHost: () => true,
    });
    const overHttp = async (path: string, body?: unknown) => {
      const init = body === undefined ? {} : { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) };
      return (await http.request(`http://127.0.0.1${path}`, init)).json();
    };
    const config = structuredClone(app.runtime.currentConfig);
    const cases: [ApiValueCall, unknown, string, RegExp][] = [
      ['pause', { minutes: 30 }, '/api/pause', /^minutes: /],
      ['pause', { minutes: 15, reason: 'x'.repeat(201) }, '/api/pause', /^reason: /],
      ['pause', { minutes: 15, evil: true }, '/api/pause', /^unknown parameter "evil"$/],
      ['settings-save', { settings: config }, '/api/settings-save', /^config: /],
      ['history', { from: 'yesterday', to: String(S0) }, `/api/history?from=yesterday&to=${S0}`, /^from: /],
      ['history', { from: String(S0), to: String(S0 - 60) }, `/api/history?from=${S0}&to=${S0 - 60}`, /^to: must be after from$/],
      ['samples', { minutes: '0' }, '/api/samples?minutes=0', /^minutes: /],
    ];
    for (const [name, request, path, words] of cases) {
      const answer = (await app.call(name, request)) as { ok: boolean; error?: { code: string; message: string } };
      assert.equal(answer.error?.code, 'bad-request', `${name} ${JSON.stringify(request).slice(0, 80)}`);
      assert.match(answer.error.message, words);
      const http = (await overHttp(path, path.includes('?') ? undefined : request)) as { error?: { message: string } };
      assert.equal(answer.error.message, http.error?.message, `${name}: the same words as over HTTP`);
    }
    const notAnObject = (await app.call('pause', 'pause now')) as { ok: boolean; error?: { code: string } };
    assert.equal(notAnObject.error?.code, 'bad-request');
    assert.equal(app.runtime.status().paused, null);
    assert.deepEqual(app.runtime.currentConfig, config);
    assert.deepEqual(app.saves, []);
  });
});

describe('IPC: the event feed', () => {
  it('reaches the own window once it asks, and stops when it asks or when the window closes', async () => {
    const app = appRig();
    await app.runtime.start();
    await app.clock.advance(5_000);
    assert.deepEqual(eventsSent(app.window), [], 'nothing before the window asks');
    assert.deepEqual(ackAnswer.parse(await app.invoke(eventChannels.start, app.own)), { ok: true, value: null });
    assert.deepEqual(ackAnswer.parse(await app.invoke(eventChannels.start, app.own)), { ok: true, value: null }, 'asking twice keeps one feed');
    await app.clock.advance(10_000);
    const sent = eventsSent(app.window);
    assert.ok(sent.length > 0, 'events reached the window');
    for (const s of sent) assert.ok(busEvent.safeParse(s.args[0]).success, `each is a busEvent: ${JSON.stringify(s.args)}`);
    const onceEach = sent.map((s) => JSON.stringify(s.args[0]));
    assert.equal(new Set(onceEach).size, onceEach.length, 'each event is sent once, not once per start');

    await app.invoke(eventChannels.stop, app.own);
    const stoppedAt = eventsSent(app.window).length;
    await app.clock.advance(10_000);
    assert.equal(eventsSent(app.window).length, stoppedAt, 'nothing after the window stopped its feed');

    await app.invoke(eventChannels.start, app.own);
    await app.clock.advance(5_000);
    const beforeClose = eventsSent(app.window).length;
    assert.ok(beforeClose > stoppedAt, 'a new feed after a new start');
    app.window.close();
    await app.clock.advance(10_000);
    assert.equal(eventsSent(app.window).length, beforeClose, 'nothing is sent to a closed window');
    assert.ok(!app.lines.some((l) => l.includes('destroyed')), 'and nothing failed trying');

    app.windows.openDashboard();
    const next = app.electron.openWindows()[0]!;
    await app.invoke(eventChannels.start, { sender: { id: next.webContents.id }, frameUrl: PAGE_URL });
    await app.clock.advance(5_000);
    assert.ok(eventsSent(next).length > 0, 'the new window gets its own feed');
    app.ipc.stop();
    const atStop = eventsSent(next).length;
    await app.clock.advance(5_000);
    assert.equal(eventsSent(next).length, atStop, 'stop() ends every feed');
    await app.stop();
  });
});

describe("IPC: the window's report is saved by main", () => {
  const app = appRig();
  before(async () => {
    await app.runtime.start();
    await app.clock.advance(10_000);
  });
  after(() => app.stop());

  it('asks where, makes it with the source, writes it whole and shows it in its folder', async () => {
    const path = join(app.documents, 'october.md');
    app.electron.dialog.answers.push({ canceled: false, filePath: path });
    assert.deepEqual(ackAnswer.parse(await app.invoke(reportChannel, app.own, { format: 'md', target: 'internet' })), { ok: true, value: null });
    const asked = app.electron.dialog.saves[0];
    assert.match(String(asked?.defaultPath), /nom-report-internet-\d{4}-\d{2}-\d{2}\.md$/);
    assert.deepEqual(asked?.filters, [{ name: 'Markdown', extensions: ['md'] }]);
    const written = readFileSync(path, 'utf8');
    assert.match(written, /^report of /);
    assert.match(written, /"format":"md"/);
    assert.match(written, /"target":"internet"/);
    assert.deepEqual(app.electron.shell.shown, [path]);
  });

  it('a bare name gets the extension and is offered again; canceling saves nothing and is no error', async () => {
    const bare = join(app.documents, 'for-the-isp');
    app.electron.dialog.answers.push({ canceled: false, filePath: bare }, { canceled: true, filePath: '' });
    assert.deepEqual(await app.invoke(reportChannel, app.own, { format: 'csv' }), { ok: true, value: null });
    assert.equal(app.electron.dialog.saves.at(-1)?.defaultPath, `${bare}.csv`);
    assert.equal(existsSync(bare), false);
    assert.equal(existsSync(`${bare}.csv`), false);
  });

  it('a request the report cannot be made of is refused by its field before any dialog', async () => {
    const dialogs = app.electron.dialog.saves.length;
    const terms = (await app.invoke(reportChannel, app.own, { format: 'pdf', 'sla-hours': 'mon-fri 09:00-17:00' })) as { error?: { code: string; message: string } };
    assert.equal(terms.error?.code, 'bad-request');
    assert.match(terms.error.message, /give sla/);
    const format = (await app.invoke(reportChannel, app.own, { format: 'docx' })) as { error?: { code: string; message: string } };
    assert.equal(format.error?.code, 'bad-request');
    assert.match(format.error.message, /^format: /);
    assert.equal(app.electron.dialog.saves.length, dialogs);
  });
});
