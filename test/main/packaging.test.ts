import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { extractFile, listPackage } from '@electron/asar';
import { INSTALLED_APP, POLICY_ACTION, POLICY_PATH, WRAPPER_PATH } from '../../src/main/helper-launch.js';
import { ROOT } from '../support/cli.js';
import { tempDir } from '../support/tmp.js';

/**
 * The desktop package as electron-builder makes it from electron-builder.yml, with a stand-in
 * for the Electron binary (it cannot be downloaded here), no native rebuild (that fetches
 * Electron's headers) and, for the .deb, test/support/fpm-shim.mjs in place of fpm (also a
 * download): the configuration is valid, app.asar holds what the app runs and nothing it does
 * not, and the .deb installs the polkit policy, the helper's wrapper and the autostart entry.
 */
describe('the desktop package (electron-builder --linux deb)', { timeout: 240_000 }, () => {
  const work = tempDir('nom-package-');
  const stub = join(work, 'electron-dist');
  const out = join(work, 'release');
  const electronVersion = (JSON.parse(readFileSync(join(ROOT, 'node_modules/electron/package.json'), 'utf8')) as { version: string }).version;

  const shimBin = join(work, 'bin');
  const build = () => {
    spawnSync('mkdir', ['-p', stub, shimBin]);
    symlinkSync(join(ROOT, 'test/support/fpm-shim.mjs'), join(shimBin, 'fpm'));
    writeFileSync(join(stub, 'electron'), '');
    chmodSync(join(stub, 'electron'), 0o755);
    writeFileSync(join(stub, 'version'), `v${electronVersion}`);
    return spawnSync(
      join(ROOT, 'node_modules/.bin/electron-builder'),
      ['--linux', 'deb', `-c.electronDist=${stub}`, `-c.electronVersion=${electronVersion}`, '-c.npmRebuild=false', `-c.directories.output=${out}`],
      { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1', USE_SYSTEM_FPM: 'true', PATH: `${shimBin}:${process.env.PATH ?? ''}` }, timeout: 230_000 },
    );
  };

  let built: ReturnType<typeof build> | undefined;
  const once = () => (built ??= build());

  it('packs main, preload, renderer, the report worker, the icons and the production dependencies, and no development tool', () => {
    const result = once();
    assert.equal(result.status, 0, `electron-builder failed:\n${result.stdout}\n${result.stderr}`);
    const asar = join(out, 'linux-unpacked/resources/app.asar');
    const files = new Set(listPackage(asar, { isPack: false }));
    const manifest = JSON.parse(extractFile(asar, 'package.json').toString('utf8')) as { main: string };
    const wanted = [
      `/${manifest.main}`,
      '/dist/preload/preload.cjs',
      '/dist/renderer/index.html',
      '/dist/renderer/app.js',
      '/dist/renderer/app.css',
      '/dist/core/report/job/report-worker.js',
      '/dist/core/report/job/run-report-job.js',
      '/assets/tray-icon.png',
      ...['up', 'degraded', 'down', 'paused'].flatMap((state) => [`/assets/tray/${state}.png`, `/assets/tray/${state}@2x.png`]),
      '/node_modules/hono/package.json',
      '/node_modules/pdfkit/package.json',
      '/node_modules/vega-lite/package.json',
      '/node_modules/electron-store/package.json',
      '/node_modules/node-notifier/package.json',
    ];
    for (const file of wanted) {
      assert.ok(files.has(file), `${file} is in app.asar`);
    }
    const unwanted = [...files].filter((f) => /^\/(src|test|bench)\/|\.map$|^\/assets\/tray\/src\/|^\/node_modules\/(electron|electron-builder|playwright-core|typescript|tsx|eslint|@doyensec)\//.test(f));
    assert.deepEqual(unwanted, [], 'no source, test, source map or development tool');
    assert.ok(existsSync(join(out, 'linux-unpacked/resources/app.asar.unpacked/node_modules/raw-socket/build/Release/raw.node')), 'the native module sits outside app.asar');
    const helper = join(out, 'linux-unpacked/resources/app.asar.unpacked/dist/helper/main.js');
    assert.ok(existsSync(helper), 'the helper is a real file, for pkexec to run');
    // Everything it imports is unpacked beside it: it starts and says so (ready, or failed for want of privilege), without app.asar.
    const started = spawnSync(process.execPath, [helper], { input: '', encoding: 'utf8', timeout: 10_000 });
    const first = JSON.parse(started.stdout.split('\n')[0] ?? '') as { type: string };
    assert.ok(first.type === 'ready' || first.type === 'failed', `the unpacked helper starts: ${started.stdout}${started.stderr}`);
    assert.doesNotMatch(started.stderr, /ERR_MODULE_NOT_FOUND|Cannot find/);
  });

  it('makes a .deb that installs the app, the polkit policy, the helper wrapper and the autostart entry', () => {
    assert.equal(once().status, 0);
    const deb = join(out, `nom_${(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version}_amd64.deb`);
    const listing = spawnSync('dpkg-deb', ['--contents', deb], { encoding: 'utf8' });
    assert.equal(listing.status, 0, listing.stderr);
    const entries = new Map(listing.stdout.split('\n').filter(Boolean).map((line) => {
      const fields = line.split(/\s+/);
      return [fields.slice(5).join(' ').replace(/^\./, ''), fields[0] ?? ''] as const;
    }));
    for (const path of [INSTALLED_APP, '/opt/nom/resources/app.asar', '/usr/share/applications/nom-desktop.desktop', POLICY_PATH, WRAPPER_PATH, '/etc/xdg/autostart/nom.desktop']) {
      assert.ok(entries.has(path), `${path} is in the .deb`);
    }
    assert.match(entries.get(WRAPPER_PATH) ?? '', /^-rwxr-xr-x/, 'the wrapper is executable');
    const policy = spawnSync('dpkg-deb', ['--fsys-tarfile', deb], { encoding: 'buffer', maxBuffer: 1 << 30 });
    const extracted = spawnSync('tar', ['-xO', `.${POLICY_PATH}`], { input: policy.stdout, encoding: 'utf8', maxBuffer: 1 << 30 });
    assert.match(extracted.stdout, new RegExp(`<action id="${POLICY_ACTION.replaceAll('.', '\\.')}">`));
    assert.match(extracted.stdout, new RegExp(`<annotate key="org.freedesktop.policykit.exec.path">${WRAPPER_PATH}</annotate>`));
    const autostart = spawnSync('tar', ['-xO', './etc/xdg/autostart/nom.desktop'], { input: policy.stdout, encoding: 'utf8', maxBuffer: 1 << 30 });
    assert.match(autostart.stdout, new RegExp(`^Exec=${INSTALLED_APP} --hidden$`, 'm'), 'the autostart entry starts the installed app, in the tray');
    assert.ok(entries.has(INSTALLED_APP), 'the app is /opt/nom/nom-desktop, leaving /usr/bin/nom to the command line');
  });
});
