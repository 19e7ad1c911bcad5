import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { OFFICE_HOURS } from '../../src/core/analysis/sla.js';
import { writeHtmlReport } from '../../src/core/report/html/render-html.js';
import { octoberDocument, writeEvents, writeTarget } from '../core/report/pdf-data.js';
import { CHROMIUM_ARGS, CHROMIUM, chromiumMissing } from '../support/chromium.js';
import { tempDir } from '../support/tmp.js';

/**
 * The HTML report in a real browser (Debian's chromium, as CI installs it): it opens from disk
 * with no request but the file itself, no script error, its charts drawn, and it prints. A
 * screenshot is left in the temp folder for a person to look at.
 */
const SCREENSHOT = '/tmp/nom-html-report.png';

const missing = chromiumMissing();
if (missing !== null) console.log(`skipping the chromium test: ${missing}`);

describe('html report in chromium', { skip: missing ?? false }, () => {
  let browser: Browser;
  let file: string;
  let page: Page;
  const requests: string[] = [];
  const problems: string[] = [];

  before(async () => {
    const root = tempDir();
    writeTarget(
      root,
      `<img src=x onerror=alert(1)> "Tom & Jerry's"`,
      [
        { at: 86_400 + 3600, seconds: 47 * 60, cause: 'isp' },
        { at: 2 * 86_400, seconds: 125, cause: 'local' },
        { at: 4 * 86_400, seconds: 30, cause: 'target' },
        { at: 20 * 86_400, seconds: 600, cause: 'unknown' },
      ],
      2 * 86_400,
    );
    writeTarget(root, 'office', [{ at: 3 * 86_400 + 10 * 3600, seconds: 400, cause: 'isp' }]);
    writeEvents(root);
    const doc = await octoberDocument(root, { target: 0.999, hours: OFFICE_HOURS, minOutageSeconds: 60 });
    const chunks: string[] = [];
    await writeHtmlReport(doc, (chunk) => {
      chunks.push(String(chunk));
    });
    file = join(tempDir(), 'report.html');
    writeFileSync(file, chunks.join(''));

    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    page = await browser.newPage({ viewport: { width: 1000, height: 1300 } });
    page.on('request', (request) => requests.push(request.url()));
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') problems.push(`console ${message.type()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('dialog', (dialog) => {
      problems.push(`a dialog opened: ${dialog.message()}`);
      void dialog.dismiss();
    });
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  });

  after(async () => {
    await browser?.close();
  });

  it('asks for nothing but the file, and runs no script', () => {
    assert.deepEqual(requests, [pathToFileURL(file).href]);
    assert.deepEqual(problems, []);
  });

  it('shows the title, the headline and a target name as text', async () => {
    assert.equal(await page.locator('h1').textContent(), 'Internet connection report in October 2025');
    assert.match((await page.locator('.headline').first().textContent()) ?? '', /^Your connection was down 3 times for 59 minutes in October 2025/);
    assert.match((await page.locator('h2').first().textContent()) ?? '', /^<img src=x onerror=alert\(1\)> "Tom & Jerry's"/);
    assert.equal(await page.locator('img').count(), 0);
  });

  it('draws every chart as a visible SVG of its full width', async () => {
    const charts = page.locator('figure svg');
    assert.equal(await charts.count(), 8);
    for (const chart of await charts.all()) {
      assert.ok(await chart.isVisible());
      const box = await chart.boundingBox();
      assert.ok(box && box.width > 600 && box.height > 60, `a chart is ${box?.width} × ${box?.height}`);
      assert.ok((await chart.locator('rect, path').count()) >= 3, 'a chart has marks');
    }
  });

  it('prints to PDF, several A4 pages, and leaves a screenshot to look at', async () => {
    const pdf = await page.pdf({ format: 'A4' });
    assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    assert.ok(pages >= 4, `${pages} pages: page 1, a page per target, the evidence`);
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    console.log(`screenshot: ${SCREENSHOT}`);
  });
});
