import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { extractFile, listPackage } from '@electron/asar';
import { ROOT } from '../support/cli.js';
import { tempDir } from '../support/tmp.js';

/**
 * The desktop package as electron-builder makes it from electron-builder.yml, with a stand-in
 * for the Electron binary (it cannot be downloaded here) and no native rebuild (that fetches
 * Electron's headers): the configuration is valid, and app.asar holds what the app runs and
 * nothing it does not.
 */
describe('the desktop package (electron-builder --dir)', { timeout: 180_000 }, () => {
  const work = tempDir('nom-package-');
  const stub = join(work, 'electron-dist');
  const out = join(work, 'release');
  const electronVersion = (JSON.parse(readFileSync(join(ROOT, 'node_modules/electron/package.json'), 'utf8')) as { version: string }).version;

  const build = () => {
    spawnSync('mkdir', ['-p', stub]);
    writeFileSync(join(stub, 'electron'), '');
    chmodSync(join(stub, 'electron'), 0o755);
    writeFileSync(join(stub, 'version'), `v${electronVersion}`);
    return spawnSync(
      join(ROOT, 'node_modules/.bin/electron-builder'),
      ['--dir', '--linux', `-c.electronDist=${stub}`, `-c.electronVersion=${electronVersion}`, '-c.npmRebuild=false', `-c.directories.output=${out}`],
      { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' }, timeout: 170_000 },
    );
  };

  it('packs the built app, its icon and its production dependencies, and no development tool', () => {
    const result = build();
    assert.equal(result.status, 0, `electron-builder failed:\n${result.stdout}\n${result.stderr}`);
    const asar = join(out, 'linux-unpacked/resources/app.asar');
    const files = new Set(listPackage(asar, { isPack: false }));
    const manifest = JSON.parse(extractFile(asar, 'package.json').toString('utf8')) as { main: string };
    for (const file of [`/${manifest.main}`, '/dist/core/report/job/report-worker.js', '/dist/core/report/job/run-report-job.js', '/assets/tray-icon.png', '/node_modules/hono/package.json', '/node_modules/pdfkit/package.json', '/node_modules/vega-lite/package.json']) {
      assert.ok(files.has(file), `${file} is in app.asar`);
    }
    const unwanted = [...files].filter((f) => /^\/(src|test|bench)\/|\.map$|^\/node_modules\/(electron|electron-builder|playwright-core|typescript|tsx|eslint)\//.test(f));
    assert.deepEqual(unwanted, [], 'no source, test, source map or development tool');
    assert.ok(existsSync(join(out, 'linux-unpacked/resources/app.asar.unpacked/node_modules/raw-socket/build/Release/raw.node')), 'the native module sits outside app.asar');
  });
});
