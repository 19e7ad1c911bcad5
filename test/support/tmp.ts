import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';

/** A fresh folder removed when the test file ends. */
export function tempDir(prefix = 'nom-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A digest of every name, size, mode and byte under a folder: equal before and after means untouched. */
export function treeDigest(dir: string): string {
  const hash = createHash('sha256');
  const walk = (path: string): void => {
    const st = statSync(path);
    hash.update(`${path}\0${st.mode}\0${st.size}\0${st.mtimeMs}\0`);
    if (st.isDirectory()) for (const name of readdirSync(path).sort()) walk(join(path, name));
    else if (st.isFile()) hash.update(readFileSync(path));
  };
  walk(dir);
  return hash.digest('hex');
}
