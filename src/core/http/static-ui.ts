import { realpathSync, statSync, type Stats } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, join, sep } from 'node:path';
import type { Context } from 'hono';
import { refuse } from './api-answer.js';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Names of plain files and folders only: no `..`, no hidden file, no percent-encoding that
 * could decode to either. The path is checked as the client sent it, before any decoding.
 */
const BUNDLE_PATH = /^(?:\/[A-Za-z0-9_-][A-Za-z0-9._-]*)+$/;

export interface StaticUi {
  /** GET: index.html at `/`, a file of the bundle at its own path; refusals otherwise. */
  answer(c: Context): Promise<Response>;
  /** Whether a URL path names a file of the bundle (so another method on it is 405, not 404). */
  has(path: string): boolean;
}

/**
 * The renderer bundle, as built to `uiDir`. Read at each request, so that a rebuild shows on
 * reload; `no-cache` has the browser ask each time, and the ETag spares it the bytes.
 */
export function staticUi(uiDir: string): StaticUi {
  return {
    async answer(c) {
      const path = new URL(c.req.url).pathname;
      const file = bundleFile(uiDir, path);
      if (file === null) {
        if (path === '/') return c.text('the dashboard is not built: run `npm run build`, then reload this page', 503);
        return refuse(c, 'not-found', `no such path: ${path}`);
      }
      const tag = `"${file.stats.size.toString(16)}-${Math.trunc(file.stats.mtimeMs).toString(16)}"`;
      const headers = { 'Cache-Control': 'no-cache', ETag: tag };
      if (c.req.header('if-none-match') === tag) return c.body(null, 304, headers);
      const type = CONTENT_TYPES[extname(file.path).toLowerCase()] ?? 'application/octet-stream';
      return c.body(await readFile(file.path), 200, { ...headers, 'Content-Type': type });
    },
    has: (path) => bundleFile(uiDir, path) !== null,
  };
}

/** The file a URL path names inside `uiDir`, where it really is, or null. */
function bundleFile(uiDir: string, urlPath: string): { path: string; stats: Stats } | null {
  const relative = urlPath === '/' ? '/index.html' : urlPath;
  if (!BUNDLE_PATH.test(relative)) return null;
  try {
    const root = realpathSync(uiDir);
    const path = realpathSync(join(root, relative));
    if (!path.startsWith(root + sep)) return null;
    const stats = statSync(path);
    return stats.isFile() ? { path, stats } : null;
  } catch {
    return null;
  }
}
