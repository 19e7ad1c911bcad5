import { resolve } from 'node:path';
import { build } from 'esbuild';
import { englishZod } from './zod-english.mjs';

/**
 * The window's preload as Electron runs it: a sandboxed preload can `require('electron')` and
 * nothing else, so the preload and the contract it is derived from are one CommonJS file.
 */
const root = resolve(import.meta.dirname, '..');

await build({
  absWorkingDir: root,
  entryPoints: ['src/preload/preload.ts'],
  outfile: 'dist/preload/preload.cjs',
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'es2022',
  external: ['electron'],
  minify: true,
  sourcemap: true,
  charset: 'utf8',
  logLevel: 'warning',
  plugins: [englishZod],
});
