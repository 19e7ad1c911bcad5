import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { defaultConfig } from '../../src/core/config/defaults.js';
import type { NomConfig } from '../../src/shared/config-schema.js';
import { CHROMIUM, CHROMIUM_ARGS, chromiumMissing } from '../support/chromium.js';
import { startFakeApi, UI_DIR, type FakeApi } from './fake-api.js';

/**
 * The settings view's desktop notifications in a real browser, against the stand-in for the
 * API: what is chosen in the form is what the save sends, and nothing else of the configuration
 * changes. Screenshots of the section, light and dark, and on a phone, are left in SHOTS to look at.
 */
const SHOTS = '/tmp/nom-shots';
const TOKEN = 'test-token-desktop-0123456789-abcdefghijkl';

/** A configuration with every desktop notice on (the defaults), watching documentation addresses only. */
function startingConfig(): NomConfig {
  const config = defaultConfig('home');
  return { ...config, updown: { ...config.updown, targets: [{ name: 'router', address: '192.0.2.1' }] }, ping: { ...config.ping, targets: [{ name: 'internet', address: '198.51.100.7' }] } };
}

const missing = chromiumMissing();
if (missing !== null) console.log(`skipping the desktop notification settings test: ${missing}`);

describe('desktop notification settings in chromium', { skip: missing ?? false }, () => {
  let fake: FakeApi;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];
  const section = () => page.locator('section[aria-labelledby="section-desktop"]');

  before(async () => {
    // npm test builds the bundle first (rebuilt here, it would vanish under the other browser tests running beside this one).
    if (!existsSync(`${UI_DIR}index.html`)) {
      const build = spawnSync(process.execPath, [fileURLToPath(new URL('../../scripts/build-renderer.mjs', import.meta.url))], { stdio: 'inherit' });
      assert.equal(build.status, 0, 'the renderer bundle did not build');
    }
    mkdirSync(SHOTS, { recursive: true });
    fake = await startFakeApi({ token: TOKEN, outagesPerYear: 10, config: startingConfig() });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    await page.goto(`${fake.url}/#token=${TOKEN}`);
    await page.evaluate("location.hash = '#/settings'");
    await section().waitFor();
  });

  after(async () => {
    await browser?.close();
    await fake?.close();
  });

  it('shows each kind of notice in words, all on, with no quiet hours, and says only the desktop app shows them', async () => {
    const kinds = ['Outage confirmed', 'Connection restored', 'Connection degraded', 'Failover to the other link', 'External IP address changed'];
    for (const kind of kinds) assert.equal(await section().getByLabel(kind, { exact: true }).isChecked(), true, kind);
    assert.equal(await section().getByLabel('Show desktop notifications', { exact: true }).isChecked(), true);
    assert.equal(await section().getByLabel('Quiet hours', { exact: true }).isChecked(), false);
    assert.equal(await section().getByLabel('From', { exact: true }).count(), 0, 'no times while quiet hours are off');
    assert.equal(await section().getByLabel('One notice per burst of outages within', { exact: true }).inputValue(), '120');
    assert.match((await section().textContent()) ?? '', /Only the desktop app shows these notifications/);
  });

  it('marks a coalescing window out of range by its field', async () => {
    const window = section().getByLabel('One notice per burst of outages within', { exact: true });
    await window.fill('5000');
    const error = page.locator('#field-notify-desktop-coalesceS-error');
    await error.waitFor();
    assert.match((await error.textContent()) ?? '', /3600/);
    await window.fill('60');
    await error.waitFor({ state: 'detached' });
  });

  it('saves a kind turned off and quiet hours as that configuration, keeping everything else', async () => {
    await section().getByLabel('Connection degraded', { exact: true }).uncheck();
    await section().getByLabel('Quiet hours', { exact: true }).check();
    assert.equal(await section().getByLabel('From', { exact: true }).inputValue(), '22:00', 'quiet hours start from a usual night');
    await section().getByLabel('From', { exact: true }).fill('22:30');
    await section().getByLabel('To', { exact: true }).fill('06:45');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.locator('.save-outcome', { hasText: 'Saved.' }).waitFor();

    const expected = startingConfig();
    expected.notify.desktop = { enabled: true, events: ['outage', 'restored', 'failover', 'ip-change'], quietHours: { from: '22:30', to: '06:45' }, coalesceS: 60 };
    assert.deepEqual(fake.config(), expected);
  });

  it('turning quiet hours off again saves them as none', async () => {
    await section().getByLabel('Quiet hours', { exact: true }).uncheck();
    await section().getByLabel('Connection degraded', { exact: true }).check();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.locator('.save-outcome', { hasText: 'Saved.' }).waitFor();
    const saved = fake.config() as NomConfig;
    assert.equal(saved.notify.desktop.quietHours, null);
    assert.deepEqual([...saved.notify.desktop.events].sort(), ['degraded', 'failover', 'ip-change', 'outage', 'restored']);
  });

  it('leaves screenshots of the section, light and dark, desktop and phone wide, and logged no error', async () => {
    await section().getByLabel('Quiet hours', { exact: true }).check();
    // Tall enough that the save bar, which sticks to the window's bottom, stays below the section.
    await page.setViewportSize({ width: 1280, height: 3000 });
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      await page.waitForTimeout(200);
      await section().screenshot({ path: `${SHOTS}/settings-desktop-${colorScheme}.png` });
    }
    await page.setViewportSize({ width: 400, height: 3000 });
    await page.waitForTimeout(200);
    await section().screenshot({ path: `${SHOTS}/settings-desktop-dark-400.png` });
    console.log(`screenshots: ${SHOTS}/settings-desktop-*.png`);
    assert.deepEqual(problems, []);
  });
});
