import { copyFile, mkdir, rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import { build } from 'esbuild';
import { englishZod } from './zod-english.mjs';

/**
 * The dashboard bundle (src/renderer) as the daemon serves it and the Electron window loads it:
 * index.html, app.js and app.css, with nothing fetched from anywhere else. Stale files from an
 * earlier build are removed first, since the daemon serves whatever the folder holds.
 */
const root = resolve(import.meta.dirname, '..');
const outdir = 'dist/renderer';

await rm(`${root}/${outdir}`, { recursive: true, force: true });
await mkdir(`${root}/${outdir}`, { recursive: true });
await build({
  absWorkingDir: root,
  entryPoints: [
    { in: 'src/renderer/main.tsx', out: 'app' },
    { in: 'src/renderer/styles/app.css', out: 'app' },
  ],
  outdir,
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  minify: true,
  sourcemap: true,
  jsx: 'automatic',
  jsxImportSource: 'preact',
  charset: 'utf8',
  logLevel: 'warning',
  plugins: [englishZod],
});
await copyFile(`${root}/src/renderer/index.html`, `${root}/${outdir}/index.html`);
