import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, chromiumMissing } from '../support/chromium.js';
import { startFakeApi, UI_DIR, type FakeApi } from './fake-api.js';
import { ZONE } from './fake-data.js';
import { TIMED_INTERACTIONS } from './page-timing.js';

/**
 * The dashboard bundle in a real browser, against a stand-in for the daemon's API that serves
 * it under the page's real content security policy: live events change what is shown within
 * half a second, history opens an outage's evidence and stays quick with 10,000 outages in a
 * year, settings show the validator's messages by their fields, and the report downloads. The
 * page asks nothing of anyone but its own server and logs no error. Screenshots of every view,
 * light and dark, phone and desktop wide, are left in SHOTS to look at.
 */
const SHOTS = '/tmp/nom-shots';
const TOKEN = 'test-token-0123456789-abcdefghijklmnopqrstu';
const LIVE_WITHIN_MS = 500;
const INTERACTION_WITHIN_MS = 100;


const missing = chromiumMissing();
if (missing !== null) console.log(`skipping the dashboard test: ${missing}`);

describe('the dashboard in chromium', { skip: missing ?? false }, () => {
  let fake: FakeApi;
  let browser: Browser;
  let page: Page;
  const requests: string[] = [];
  const problems: string[] = [];

  /** Watches a page for requests and for anything it logs as an error. */
  const watch = (p: Page) => {
    p.on('request', (r) => requests.push(r.url()));
    p.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
    });
    p.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  };
  const stateOf = (target: string) => page.locator(`.target:has(#target-${target}) .state-word`);
  const go = (label: string) => page.locator('.nav').getByRole('link', { name: label }).click();

  before(async () => {
    if (!existsSync(`${UI_DIR}index.html`)) {
      const build = spawnSync(process.execPath, [fileURLToPath(new URL('../../scripts/build-renderer.mjs', import.meta.url))], { stdio: 'inherit' });
      assert.equal(build.status, 0, 'the renderer bundle did not build');
    }
    mkdirSync(SHOTS, { recursive: true });
    fake = await startFakeApi({ token: TOKEN, outagesPerYear: 10_000 });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    page = await browser.newPage({ acceptDownloads: true, viewport: { width: 1280, height: 900 } });
    watch(page);
    await page.goto(`${fake.url}/#token=${TOKEN}`);
  });

  after(async () => {
    await browser?.close();
    await fake?.close();
  });

  it('loads the dashboard with the token kept for the tab and taken out of the address bar', async () => {
    await stateOf('router').filter({ hasText: 'Up' }).waitFor();
    assert.equal(page.url(), `${fake.url}/#/`);
    assert.equal(await page.evaluate<string | null>("sessionStorage.getItem('nom.token')"), TOKEN);
    assert.ok(fake.requests.includes('GET /api/status'), 'status is asked with the token in its header, not in the address');
    assert.ok(fake.requests.some((r) => r.startsWith('GET /api/events?token=')), 'the event stream carries the token in its query');
  });

  it('shows a target down, then up, and probing trouble, within half a second of each live event', async () => {
    await page.locator('.live-on').waitFor();
    const shown = async (state: string) => {
      const started = Date.now();
      fake.setState('router', state === 'Down' ? 'down' : 'up');
      await stateOf('router').filter({ hasText: state }).waitFor({ timeout: LIVE_WITHIN_MS });
      return Date.now() - started;
    };
    const down = await shown('Down');
    const card = page.locator('.target:has(#target-router)');
    assert.match((await card.locator('.timer').textContent()) ?? '', /^\d+:\d{2}$/);
    assert.match((await card.textContent()) ?? '', /Cause: the provider/);
    fake.push({ raw: '{"type":"state","target":"router"}' });
    const up = await shown('Up');
    assert.equal(await card.locator('.timer').count(), 0);
    assert.match((await page.locator('.live').getAttribute('title')) ?? '', /^1 live update not understood/);

    fake.push({ type: 'health', at: Math.floor(Date.now() / 1000), probing: false, detail: 'the helper stopped: ICMP cannot be sent' });
    await page.getByRole('alert').filter({ hasText: 'the helper stopped: ICMP cannot be sent' }).waitFor({ timeout: LIVE_WITHIN_MS });
    fake.push({ type: 'health', at: Math.floor(Date.now() / 1000), probing: true, detail: 'ICMP through the helper' });
    await page.getByRole('alert').filter({ hasText: 'the helper stopped' }).waitFor({ state: 'detached', timeout: LIVE_WITHIN_MS });
    console.log(`down shown in ${down} ms, up in ${up} ms`);
  });

  it('pauses and resumes probing', async () => {
    await page.getByRole('button', { name: '15 minutes' }).click();
    await page.getByRole('heading', { name: 'Probing is paused' }).waitFor();
    await page.getByRole('button', { name: 'Resume probing' }).click();
    await page.getByRole('heading', { name: 'Pause probing' }).waitFor();
  });

  it('opens history, a day from the calendar by keyboard, and an outage with its evidence', async () => {
    await go('History');
    await page.locator('.timeline svg').waitFor();
    await page.locator('.heat-cell[tabindex="0"]').focus();
    await page.keyboard.press('Home');
    await page.keyboard.press('Enter');
    await page.locator('.segment[aria-pressed="true"]', { hasText: 'Day' }).waitFor();

    await page.getByRole('button', { name: 'Week' }).click();
    // An outage still going on has no bounds yet: the evidence is checked on one that ended.
    await page.locator('.table-outages tbody tr', { hasNotText: 'ongoing' }).locator('.link-button').first().click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('heading', { name: 'Exact bounds' }).waitFor();
    const text = (await dialog.textContent()) ?? '';
    assert.match(text, /Cause/);
    assert.match(text, /Home gateway/);
    assert.match(text, /DNS check/);
    assert.match(text, /\d{2}:\d{2}:\d{2}\.\d{3}/, 'the bounds are shown to the millisecond');
    assert.match(text, /Uncertainty: start ± 1\.5 s/);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
  });

  it('stays quick with 10,000 outages in a year', async () => {
    const thisYear = Number(new Intl.DateTimeFormat('en', { timeZone: ZONE, year: 'numeric' }).format(Date.now()));
    await page.getByRole('button', { name: 'Year' }).click();
    // The heading reads the year alone once its records have come (while they load, it says so).
    await page.locator('.page-sub', { hasText: new RegExp(`^${thisYear}$`) }).waitFor();
    const thisYearsCount = await page.locator('.pager-where').textContent();
    await page.getByRole('button', { name: 'Previous year' }).click();
    await page.locator('.page-sub', { hasText: new RegExp(`^${thisYear - 1}$`) }).waitFor();
    // The list below may show this year's count a moment longer than the heading.
    for (let waited = 0; (await page.locator('.pager-where').textContent()) === thisYearsCount && waited < 5_000; waited += 50) await page.waitForTimeout(50);
    const total = Number(((await page.locator('.pager-where').textContent()) ?? '').replace(/.* of /, '').replace(/\D/g, ''));
    assert.ok(total > 9_000 && total < 11_000, `${total} outages in the year`);
    const interactions = await page.evaluate<Record<string, number>>(TIMED_INTERACTIONS);
    console.log(`with a year of outages: ${JSON.stringify(interactions)} ms`);
    for (const [what, ms] of Object.entries(interactions)) assert.ok(ms < INTERACTION_WITHIN_MS, `${what} took ${ms} ms`);
    assert.ok((await page.locator('.timeline path').count()) <= 2 * 5, 'each row is drawn as a few paths, not one node per outage');
  });

  it('shows the validator’s message next to its field, and saves keeping what the form does not show', async () => {
    await go('Settings');
    const interval = page.locator('#field-updown-interval');
    await interval.fill('0');
    const error = page.locator('#field-updown-interval-error');
    await error.waitFor();
    assert.match((await error.textContent()) ?? '', /0\.2/);
    assert.equal(await interval.getAttribute('aria-invalid'), 'true');
    assert.match((await interval.getAttribute('aria-describedby')) ?? '', /field-updown-interval-error/);

    await interval.fill('2');
    await page.getByRole('button', { name: 'Add a target' }).first().click();
    await page.getByLabel('Name of row 3').fill('lab');
    await page.getByLabel('Address of row 3').fill('192.0.2.50');
    await error.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Save' }).click();
    await page.locator('.save-outcome', { hasText: 'Saved. Restarted: updown.' }).waitFor();
    const saved = fake.config() as { note: string; failover: { primary: { name: string } }; updown: { interval: number; targets: { name: string }[] } };
    assert.equal(saved.updown.interval, 2);
    assert.deepEqual(
      saved.updown.targets.map((t) => t.name),
      ['router', 'internet', 'lab'],
    );
    assert.equal(saved.note, 'kept as it was');
    assert.equal(saved.failover.primary.name, 'fibre');
  });

  it('downloads the report chosen with one button', async () => {
    await go('Report');
    await page.getByLabel('Format').selectOption('csv');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download report' }).click()]);
    assert.match(download.suggestedFilename(), /^nom-report-\d{4}-\d{2}\.csv$/);
    assert.match(readFileSync(await download.path(), 'utf8'), /^fake csv report /);
    const asked = new URL(download.url());
    assert.equal(asked.pathname, '/api/report');
    assert.equal(asked.searchParams.get('format'), 'csv');
    assert.equal(asked.searchParams.get('tz'), ZONE);
    assert.match(asked.searchParams.get('from') ?? '', /^\d{4}-\d{2}$/);
    assert.equal(asked.searchParams.get('token'), TOKEN);
  });

  it('asked nothing of anyone but its own server, and logged no error', () => {
    assert.deepEqual(
      requests.filter((url) => !url.startsWith(`${fake.url}/`)),
      [],
    );
    assert.deepEqual(problems, []);
  });

  it('leaves screenshots of every view, light and dark, phone and desktop wide', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      for (const width of [400, 1600]) {
        const shot = await browser.newPage({ viewport: { width, height: 900 }, colorScheme });
        watch(shot);
        await shot.goto(`${fake.url}/#token=${TOKEN}`);
        for (const [view, ready] of [
          ['', '.rtt-plot canvas'],
          ['history', '.timeline svg'],
          ['settings', '.form-section'],
          ['report', '.report-form'],
        ] as const) {
          await shot.evaluate(`location.hash = '#/${view}'`);
          await shot.locator(ready).first().waitFor();
          await shot.waitForTimeout(300);
          await shot.screenshot({ path: `${SHOTS}/${view || 'dashboard'}-${colorScheme}-${width}.png`, fullPage: true });
        }
        await shot.close();
      }
    }
    console.log(`screenshots: ${SHOTS}`);
    assert.deepEqual(problems, []);
  });
});
