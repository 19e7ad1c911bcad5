import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { Lab } from '../../test/lab/lab.js';
import { CHROMIUM, CHROMIUM_ARGS, chromiumMissing } from '../../test/support/chromium.js';

/**
 * Debian's chromium inside the lab's client namespace, as test/integration/dashboard-lab.test.ts
 * runs it: a wrapper script enters the namespace, so the browser reaches the daemon on that
 * namespace's loopback and has no way off the machine.
 */
export async function launchInLab(lab: Lab, scratch: string): Promise<Browser> {
  const missing = chromiumMissing();
  if (missing !== null) throw new Error(missing);
  const wrapper = join(scratch, 'chromium-in-lab');
  writeFileSync(wrapper, `#!/bin/sh\nexec ip netns exec ${lab.ns.client} ${CHROMIUM} "$@"\n`);
  chmodSync(wrapper, 0o755);
  return await chromium.launch({ executablePath: wrapper, args: CHROMIUM_ARGS });
}

/** What pages said that a reader would call a fault: console errors, page errors, requests to anyone but the daemon. */
export class PageProblems {
  readonly seen: string[] = [];

  constructor(private readonly origin: string) {}

  /** A new context with `initScript` run before any of its pages' own scripts; its pages are watched. */
  async context(browser: Browser, initScript: string): Promise<BrowserContext> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.addInitScript(initScript);
    context.on('page', (page) => this.watch(page));
    return context;
  }

  private watch(page: Page): void {
    page.on('request', (r) => {
      if (!r.url().startsWith(this.origin)) this.seen.push(`request off the daemon: ${r.url()}`);
    });
    page.on('console', (m) => {
      if (m.type() === 'error') this.seen.push(`console error: ${m.text()}`);
    });
    page.on('pageerror', (e) => this.seen.push(`page error: ${e.message}`));
  }
}
