import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { defaultConfig } from '../../src/core/config/defaults.js';
import { readJournal } from '../../src/core/store/journal.js';
import { readTransitionDir } from '../../src/core/store/transition-log.js';
import { STATUS_NAMES } from '../../src/core/store/transition-record.js';
import type { NomConfig } from '../../src/shared/config-schema.js';
import { Lab } from '../lab/lab.js';
import { CHROMIUM, CHROMIUM_ARGS, chromiumMissing } from '../support/chromium.js';
import { CLI, ROOT } from '../support/cli.js';
import { tempDir } from '../support/tmp.js';

/**
 * The dashboard in a real browser against `nom daemon --http` in the network lab. The browser
 * runs inside the lab's client namespace (a wrapper puts chromium there), so it reaches the
 * daemon on that namespace's loopback and nothing else: the lab has no way out. Every request
 * the page makes is checked to be the daemon's, every console message to be no error.
 */
const DNS_NAME = 'resolver-check.test';
const PORT = 8754;
const ORIGIN = `http://127.0.0.1:${PORT}`;
const SHOTS = '/tmp/nom-dashboard-lab';

const missing = chromiumMissing();
if (missing !== null) console.log(`skipping the dashboard lab test: ${missing}`);

describe('dashboard in chromium against the daemon in the lab', { skip: missing ?? false, timeout: 420_000 }, () => {
  let lab: Lab;
  /** Made here rather than with tempDir(): that one is removed when the hook that made it ends. */
  let scratch: string;
  let data: string;
  let configFile: string;
  let daemon: ChildProcess;
  let log = '';
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const offSite: string[] = [];
  const problems: string[] = [];

  const records = (target: string) => {
    const s = readTransitionDir(join(data, target));
    return [...s.statuses].map((status, i) => ({ t: s.times[i]!, status: STATUS_NAMES[status]! }));
  };
  const card = (name: string) => page.locator(`article:has(#target-${name})`);
  /** Waits until the target's card shows `state`; returns how long that took. */
  async function cardShows(name: string, state: string, timeoutMs: number): Promise<number> {
    const started = Date.now();
    await card(name).and(page.locator(`.target-${state}`)).waitFor({ timeout: timeoutMs });
    return (Date.now() - started) / 1000;
  }

  before(async () => {
    lab = await Lab.create({ name: 'dash' });
    await lab.startDns({ answers: { [DNS_NAME]: '203.0.113.80' } });
    scratch = mkdtempSync(join(tmpdir(), 'nom-dashboard-lab-'));
    data = join(scratch, 'data');
    const config: NomConfig = defaultConfig('lab');
    config.updown = {
      ...config.updown,
      targets: [{ name: 'internet', address: lab.addr.target }],
      dns: { server: lab.addr.dns, name: DNS_NAME },
      // Twenty-second windows: the degraded check below takes a minute, not three.
      degraded: { lossPct: 5, rttFactor: 3, windowS: 20 },
    };
    configFile = join(scratch, 'lab.json');
    writeFileSync(configFile, JSON.stringify(config, null, 2));
    daemon = lab.spawn('client', process.execPath, [CLI, 'daemon', '--config', configFile, '--data', data, '--http', `127.0.0.1:${PORT}`], { cwd: ROOT });
    daemon.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
    daemon.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));

    const wrapper = join(scratch, 'chromium-in-lab');
    writeFileSync(wrapper, `#!/bin/sh\nexec ip netns exec ${lab.ns.client} ${CHROMIUM} "$@"\n`);
    chmodSync(wrapper, 0o755);
    browser = await chromium.launch({ executablePath: wrapper, args: CHROMIUM_ARGS });
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    page = await context.newPage();
    page.on('request', (r) => {
      if (!r.url().startsWith(ORIGIN)) offSite.push(r.url());
    });
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
    mkdirSync(SHOTS, { recursive: true });
    for (let i = 0; ; i++) {
      try {
        await page.goto(`${ORIGIN}/#/`);
        break;
      } catch (err) {
        if (i > 50) throw new Error(`the daemon did not serve the dashboard\n${log}`, { cause: err });
        await sleep(200);
      }
    }
    await cardShows('internet', 'up', 15_000);
  });

  after(async () => {
    await browser?.close();
    if (daemon && daemon.exitCode === null) {
      daemon.kill('SIGTERM');
      await Promise.race([once(daemon, 'exit'), sleep(5_000)]);
    }
    if (daemon && daemon.exitCode === null) daemon.kill('SIGKILL');
    await lab?.destroy();
    rmSync(scratch, { recursive: true, force: true });
    assert.deepEqual(offSite, [], 'no request left the daemon');
    assert.deepEqual(problems, [], 'no console error');
  });

  it('shows a cut within 3 s, with its cause, and the repair within 3 s', async () => {
    await lab.linkDown('wan');
    const downAfter = await cardShows('internet', 'down', 10_000);
    await card('internet').getByText('the provider').waitFor({ timeout: 5_000 });
    await page.screenshot({ path: join(SHOTS, 'down.png'), fullPage: true });
    await sleep(4_000);
    await lab.linkUp('wan');
    const upAfter = await cardShows('internet', 'up', 10_000);
    assert.ok(downAfter <= 3, `down shown after ${downAfter} s`);
    assert.ok(upAfter <= 3, `up shown after ${upAfter} s`);
    assert.deepEqual(records('internet').slice(-2).map((r) => r.status), ['DOWN', 'UP']);
  });

  it('history shows that outage with its evidence', async () => {
    const [down] = records('internet').filter((r) => r.status === 'DOWN').slice(-1);
    await page.goto(`${ORIGIN}/#/history`);
    const row = page.getByRole('button', { name: /Details of the outage of internet/ }).first();
    await row.click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    const text = await dialog.innerText();
    assert.match(text, /the provider/);
    assert.match(text, /192\.0\.2\.1/, 'the gateway that still answered');
    assert.match(text, new RegExp(DNS_NAME.replace(/\./g, '\\.')), 'the DNS check');
    assert.ok(down, 'a DOWN record');
    await page.screenshot({ path: join(SHOTS, 'history-outage.png'), fullPage: true });
    await page.keyboard.press('Escape');
  });

  it('20 % loss shows as degraded, never down, and is journalled as a degraded period', async () => {
    await page.goto(`${ORIGIN}/#/`);
    await lab.setLoss(20);
    await cardShows('internet', 'degraded', 90_000);
    await page.screenshot({ path: join(SHOTS, 'degraded.png'), fullPage: true });
    await lab.setLoss(0);
    await cardShows('internet', 'up', 90_000);
    const journal = readJournal(join(data, 'internet'));
    assert.ok(journal.some((e) => e.type === 'degraded'), 'a degraded period began');
    assert.ok(journal.some((e) => e.type === 'degraded-end'), 'and ended');
    assert.equal(records('internet').at(-1)?.status, 'UP', 'no outage');
  });

  it('settings refuse a bad value with the field’s message, save a good one, and the daemon probes the new target', async () => {
    await page.goto(`${ORIGIN}/#/settings`);
    const interval = page.locator('#field-updown-interval');
    await interval.fill('0');
    const message = page.locator('#field-updown-interval').locator('xpath=ancestor::*[contains(@class,"field")][1]').getByText(/at least|>=|too small/i);
    await message.waitFor({ timeout: 5_000 });
    await interval.fill('1');
    await page.getByRole('button', { name: 'Add a target' }).first().click();
    await page.locator('#field-updown-targets-1-name').fill('spare');
    await page.locator('#field-updown-targets-1-address').fill(lab.addr.spare[0]!);
    await page.getByRole('button', { name: /^Save/ }).click();
    await page.getByText(/restarted|saved/i).first().waitFor({ timeout: 10_000 });
    const saved = JSON.parse(readFileSync(configFile, 'utf8')) as NomConfig;
    assert.deepEqual(saved.updown.targets.map((t) => t.name), ['internet', 'spare']);
    await page.goto(`${ORIGIN}/#/`);
    await cardShows('spare', 'up', 15_000);
    assert.deepEqual(records('spare').map((r) => r.status).slice(0, 2), ['STARTED', 'UP']);
  });

  it('pause shows, and is recorded as unmonitored time with the reason', async () => {
    await page.getByRole('button', { name: /^15 min/ }).click();
    await cardShows('internet', 'paused', 5_000);
    await page.screenshot({ path: join(SHOTS, 'paused.png'), fullPage: true });
    await page.getByRole('button', { name: /^Resume/ }).click();
    await cardShows('internet', 'up', 15_000);
    const why = readJournal(join(data, 'internet')).filter((e) => e.type === 'unmonitored');
    assert.ok(why.some((e) => e.type === 'unmonitored' && e.reason === 'paused'), 'the pause is journalled');
    const statuses = records('internet').map((r) => r.status);
    assert.ok(statuses.includes('STOPPED') && statuses.lastIndexOf('STARTED') > statuses.lastIndexOf('STOPPED'), 'STOPPED at the pause, STARTED at the resume');
  });

  it('report export downloads a file that opens', async () => {
    await page.goto(`${ORIGIN}/#/report`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /download/i }).click()]);
    const file = join(tempDir(), download.suggestedFilename());
    await download.saveAs(file);
    const head = readFileSync(file).subarray(0, 5).toString('latin1');
    assert.ok(head === '%PDF-' || /^<!DOC|^<html/i.test(head) || head.startsWith('#'), `a report: ${download.suggestedFilename()} begins ${JSON.stringify(head)}`);
  });

  it('looks right light and dark, narrow and wide', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      for (const width of [400, 1600]) {
        await page.emulateMedia({ colorScheme });
        await page.setViewportSize({ width, height: 900 });
        await page.goto(`${ORIGIN}/#/`);
        await card('internet').waitFor();
        await page.screenshot({ path: join(SHOTS, `dashboard-${colorScheme}-${width}.png`), fullPage: true });
      }
    }
  });
});
