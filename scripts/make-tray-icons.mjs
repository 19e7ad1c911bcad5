import console from 'node:console';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { chromium } from 'playwright-core';

/**
 * The tray's icons, drawn from assets/tray/src/*.svg by Debian's chromium: NAME.png at 16 px and
 * NAME@2x.png at 32 px (the name Electron's nativeImage looks for beside the 1× file), and the
 * package's icon, assets/tray-icon.png, as the "up" icon at 256 px. The PNGs are committed; run
 * this again after changing a source: `node scripts/make-tray-icons.mjs`.
 */
const root = resolve(import.meta.dirname, '..');
const sources = resolve(root, 'assets/tray/src');
const out = resolve(root, 'assets/tray');

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage();
  // Every request but the page's own is refused: an icon needs nothing from anywhere.
  await page.route('**/*', (route) => route.abort());

  /** The SVG drawn at `size` px square on a transparent page. */
  const render = async (svg, size) => {
    await page.setViewportSize({ width: size, height: size });
    const sized = svg.replace('<svg ', `<svg width="${size}" height="${size}" `);
    await page.setContent(`<!doctype html><html><body style="margin:0;background:transparent">${sized}</body></html>`);
    return await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
  };

  const names = (await readdir(sources)).filter((f) => f.endsWith('.svg')).sort();
  for (const file of names) {
    const name = basename(file, '.svg');
    const svg = await readFile(resolve(sources, file), 'utf8');
    await writeFile(resolve(out, `${name}.png`), await render(svg, 16));
    await writeFile(resolve(out, `${name}@2x.png`), await render(svg, 32));
    if (name === 'up') await writeFile(resolve(root, 'assets/tray-icon.png'), await render(svg, 256));
    console.log(`assets/tray/${name}.png, ${name}@2x.png`);
  }
} finally {
  await browser.close();
}
