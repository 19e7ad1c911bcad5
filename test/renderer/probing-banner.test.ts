import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { defaultConfig } from '../../src/core/config/defaults.js';
import { CHROMIUM, CHROMIUM_ARGS, chromiumMissing } from '../support/chromium.js';
import { startFakeApi, UI_DIR, type FakeApi } from './fake-api.js';

/**
 * The dashboard when nothing can probe, in a real browser against the fake daemon: a banner at
 * the top says why and what to do in the runtime's words, whether the status says so at load or
 * a 'health' event says so later, and goes when probing works again. Screenshots are left in
 * SHOTS to look at.
 */
const SHOTS = '/tmp/nom-shots';
const TOKEN = 'test-token-probing-0123456789-abcdefghijkl';
const LIVE_WITHIN_MS = 500;
const WORDS =
  'nom cannot send pings: ping is not installed and unprivileged ICMP is not allowed for your group (net.ipv4.ping_group_range = 1 0); ' +
  'the ICMP helper could not start (EPERM: raw ICMP socket: Operation not permitted), and the permission to run it was not given. ' +
  "Install iputils-ping, or allow it with: sudo sysctl net.ipv4.ping_group_range='0 2147483647', or choose TCP probes in Settings.";

const missing = chromiumMissing();
if (missing !== null) console.log(`skipping the probing banner test: ${missing}`);

describe('the dashboard when nothing can probe', { skip: missing ?? false }, () => {
  let fake: FakeApi;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];
  const banner = () => page.getByRole('alert').filter({ hasText: 'nom cannot probe your connection' });

  before(async () => {
    if (!existsSync(`${UI_DIR}index.html`)) {
      const build = spawnSync(process.execPath, [fileURLToPath(new URL('../../scripts/build-renderer.mjs', import.meta.url))], { stdio: 'inherit' });
      assert.equal(build.status, 0, 'the renderer bundle did not build');
    }
    mkdirSync(SHOTS, { recursive: true });
    // The settings are not what this test is about: the ones a new install starts with.
    fake = await startFakeApi({ token: TOKEN, outagesPerYear: 200, config: defaultConfig('home') });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    await page.goto(`${fake.url}/#token=${TOKEN}`);
    await page.locator('.target').first().waitFor();
    await page.locator('.live-on').waitFor();
  });

  after(async () => {
    await browser?.close();
    await fake?.close();
  });

  it('shows no banner while probes can be made', async () => {
    assert.equal(await banner().count(), 0);
  });

  it('shows the words at the top, above everything else, within half a second of the health event', async () => {
    const started = Date.now();
    fake.setProbing({ ok: false, detail: WORDS });
    await banner().filter({ hasText: WORDS }).waitFor({ timeout: LIVE_WITHIN_MS });
    console.log(`banner shown ${Date.now() - started} ms after the event`);
    const [bannerTop, headingTop] = await Promise.all([banner().boundingBox(), page.getByRole('heading', { name: 'Dashboard', level: 1 }).boundingBox()]);
    assert.ok(bannerTop && headingTop && bannerTop.y < headingTop.y, 'the banner comes before the page heading');
    await page.screenshot({ path: `${SHOTS}/probing-banner-desktop.png` });
  });

  it('shows it from the status alone on a fresh load, readable on a phone', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    await banner().filter({ hasText: WORDS }).waitFor();
    assert.equal(await page.evaluate<boolean>('document.documentElement.scrollWidth <= window.innerWidth'), true, 'nothing runs off the side of the screen');
    await page.screenshot({ path: `${SHOTS}/probing-banner-phone.png`, fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('leads to Settings, where TCP probes are chosen', async () => {
    await banner().getByRole('link', { name: 'settings' }).click();
    await page.waitForURL(/#\/settings$/);
    await page.goBack();
    await banner().waitFor();
  });

  it('goes once probing works again', async () => {
    fake.setProbing({ ok: true, detail: 'the system ping binary' });
    await banner().waitFor({ state: 'detached', timeout: LIVE_WITHIN_MS });
    assert.deepEqual(problems, []);
  });
});
