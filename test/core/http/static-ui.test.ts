import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { tempDir } from '../../support/tmp.js';
import { rawGet, refusal, serveFakes } from './http-fixture.js';

const APP_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
const INDEX = '<!doctype html><html><head><script type="module" src="app.js"></script><link rel="stylesheet" href="app.css"></head><body></body></html>';

/** A built bundle as the renderer's build leaves it, with a secret beside it that must stay there. */
function bundle(): { uiDir: string; outside: string } {
  const root = tempDir();
  const uiDir = join(root, 'renderer');
  mkdirSync(join(uiDir, 'fonts'), { recursive: true });
  writeFileSync(join(uiDir, 'index.html'), INDEX);
  writeFileSync(join(uiDir, 'app.js'), 'console.log("nom");');
  writeFileSync(join(uiDir, 'app.css'), 'body { margin: 0 }');
  writeFileSync(join(uiDir, 'fonts', 'inter.woff2'), Buffer.from([0x77, 0x4f, 0x46, 0x32]));
  writeFileSync(join(uiDir, '.env'), 'hidden');
  const outside = join(root, 'secret.txt');
  writeFileSync(outside, 'the user secret');
  symlinkSync(outside, join(uiDir, 'link.txt'));
  return { uiDir, outside };
}

describe('HTTP: the dashboard bundle', () => {
  it('serves index.html at / and each file of the bundle at its path, with its type, no-cache and the strict policy', async () => {
    const api = await serveFakes({ uiDir: bundle().uiDir });
    const cases: [string, string, string][] = [
      ['/', 'text/html; charset=utf-8', INDEX],
      ['/index.html', 'text/html; charset=utf-8', INDEX],
      ['/app.js', 'text/javascript; charset=utf-8', 'console.log("nom");'],
      ['/app.css', 'text/css; charset=utf-8', 'body { margin: 0 }'],
      ['/fonts/inter.woff2', 'font/woff2', 'wOF2'],
    ];
    for (const [path, type, body] of cases) {
      const response = await fetch(`${api.url}${path}`);
      assert.equal(response.status, 200, path);
      assert.equal(response.headers.get('content-type'), type, path);
      assert.equal(response.headers.get('cache-control'), 'no-cache', path);
      assert.equal(response.headers.get('content-security-policy'), APP_POLICY, path);
      assert.equal(response.headers.get('x-content-type-options'), 'nosniff', path);
      assert.equal(response.headers.get('referrer-policy'), 'no-referrer', path);
      assert.equal(await response.text(), body, path);
    }
  });

  it('answers a browser that has the file already with 304, by its ETag', async () => {
    const api = await serveFakes({ uiDir: bundle().uiDir });
    const first = await fetch(`${api.url}/app.js`);
    const tag = first.headers.get('etag');
    assert.ok(tag);
    const again = await fetch(`${api.url}/app.js`, { headers: { 'If-None-Match': tag } });
    assert.equal(again.status, 304);
    assert.equal(await again.text(), '');
  });

  it('serves nothing outside the bundle folder, nor its hidden files, however the path is spelt', async () => {
    const { uiDir } = bundle();
    const api = await serveFakes({ uiDir });
    const paths = [
      '/../secret.txt',
      '/fonts/../../secret.txt',
      '/%2e%2e/secret.txt',
      '/fonts/..%2f..%2fsecret.txt',
      '/fonts%2f..%2f..%2fsecret.txt',
      '/link.txt',
      '/.env',
      '/fonts',
      '/fonts/',
      '//etc/passwd',
      `/${encodeURIComponent(join(uiDir, 'app.js'))}`,
    ];
    for (const path of paths) {
      const response = await rawGet(api.url, path);
      assert.equal(response.status, 404, path);
      assert.doesNotMatch(response.body, /the user secret|hidden/, path);
      assert.equal((JSON.parse(response.body) as { error: { code: string } }).error.code, 'not-found', path);
    }
  });

  it('answers 404 for a file the bundle does not have, and 405 for another method on one it has', async () => {
    const api = await serveFakes({ uiDir: bundle().uiDir });
    assert.deepEqual(await refusal(await fetch(`${api.url}/nothing.js`), 404), { code: 'not-found', message: 'no such path: /nothing.js' });
    const post = await fetch(`${api.url}/app.js`, { method: 'POST' });
    assert.equal(post.headers.get('allow'), 'GET, HEAD');
    assert.match((await refusal(post, 405)).message, /^POST is not allowed here: use GET$/);
    assert.equal((await fetch(`${api.url}/nothing.js`, { method: 'PUT' })).status, 404);
  });

  it('says the dashboard is not built, and how to build it, while the folder holds no index.html', async () => {
    const api = await serveFakes({ uiDir: join(tempDir(), 'not-there') });
    const response = await fetch(`${api.url}/`);
    assert.equal(response.status, 503);
    assert.match(response.headers.get('content-type') ?? '', /^text\/plain/);
    assert.match(await response.text(), /the dashboard is not built: run `npm run build`/);
    assert.equal(response.headers.get('content-security-policy'), APP_POLICY);
  });

  it('puts the security headers on the API answers too', async () => {
    const api = await serveFakes();
    const response = await fetch(`${api.url}/api/status`);
    assert.equal(response.headers.get('content-security-policy'), APP_POLICY);
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(response.headers.get('referrer-policy'), 'no-referrer');
    assert.equal(response.headers.get('cache-control'), 'no-store');
  });
});
