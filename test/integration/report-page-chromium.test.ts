import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import type * as HttpServer from '../../src/core/http/http-server.js';
import type * as ReportQueueModule from '../../src/core/report/job/report-queue.js';
import type * as RunReportJob from '../../src/core/report/job/run-report-job.js';
import { createLogger } from '../../src/core/log.js';
import { built } from '../support/built.js';
import { CHROMIUM, CHROMIUM_ARGS, chromiumMissing } from '../support/chromium.js';
import { SEED_LOGS } from '../support/fixtures.js';

/**
 * The daemon's report page in a real browser: it loads with no request but its own, runs no
 * script, and one click on "Make the report" downloads the report chosen in the form. Runs the
 * built modules, as the daemon does (the report's worker thread cannot start from TypeScript).
 */
const SCREENSHOT = '/tmp/nom-report-page.png';
const NOW = Date.UTC(2025, 10, 1) / 1000;

const missing = chromiumMissing();
if (missing !== null) console.log(`skipping the chromium test: ${missing}`);

describe('the report page in chromium', { skip: missing ?? false }, () => {
  let server: HttpServer.RunningServer;
  let browser: Browser;
  let page: Page;
  const requests: string[] = [];
  const problems: string[] = [];

  before(async () => {
    const { startHttpServer } = await built<typeof HttpServer>('core/http/http-server.js');
    const { ReportQueue } = await built<typeof ReportQueueModule>('core/report/job/report-queue.js');
    const { runReportJob } = await built<typeof RunReportJob>('core/report/job/run-report-job.js');
    const log = createLogger('test', { minLevel: 'error', write: (line) => problems.push(line) });
    server = await startHttpServer({ host: '127.0.0.1', port: 0 }, { dataDir: SEED_LOGS, reports: new ReportQueue(runReportJob), now: () => NOW, liveTargets: () => [], log });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    page = await browser.newPage({ acceptDownloads: true, viewport: { width: 900, height: 900 } });
    page.on('request', (r) => requests.push(r.url()));
    page.on('console', (m) => problems.push(`console ${m.type()}: ${m.text()}`));
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    await page.goto(`${server.url}/`, { waitUntil: 'load' });
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('loads with nothing but itself, runs no script, and leaves a screenshot to look at', async () => {
    assert.deepEqual(requests, [`${server.url}/`]);
    assert.deepEqual(problems, []);
    assert.equal(await page.locator('script').count(), 0);
    assert.equal(await page.locator('h1').textContent(), 'ISP report');
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    console.log(`screenshot: ${SCREENSHOT}`);
  });

  it('downloads the report chosen in the form with one click', async () => {
    await page.selectOption('#format', 'md');
    await page.selectOption('#target', 'v2-sessions-1');
    await page.fill('#from', '2025-10-13');
    await page.fill('#tz', 'UTC');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('button[type=submit]')]);
    assert.equal(download.suggestedFilename(), 'nom-report-v2-sessions-1-2025-10-13-to-2025-11-01.md');
    const text = readFileSync(await download.path(), 'utf8');
    assert.match(text, /^# Internet connection report/);
    assert.match(text, /^## v2-sessions-1$/m);
    assert.match(text, /^Period: 13 October 2025 00:00 – /m);
    assert.deepEqual(problems, []);
  });
});
