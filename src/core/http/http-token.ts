import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fsUserError, UserError } from '../errors.js';

/** base64url, as made here (43 characters) or chosen by the user, long enough not to be guessed. */
const TOKEN = /^[A-Za-z0-9_-]{32,512}$/;

/**
 * The token a server off loopback asks of every API call. Made once and kept, so that the
 * address the daemon printed keeps working across restarts; the file is the user's alone.
 * A file that holds no token is refused rather than replaced: the addresses people saved
 * would stop working, and the file may be someone's mistake worth seeing.
 */
export function ensureToken(file: string): { token: string; created: boolean } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw fsUserError(err, file);
    const token = randomBytes(32).toString('base64url');
    writeToken(file, token);
    return { token, created: true };
  }
  const token = text.trim();
  if (!TOKEN.test(token)) {
    throw new UserError(`${file}: not an access token (one line of at least 32 letters, digits, - and _): correct it, or delete it to have a new one made`);
  }
  return { token, created: false };
}

/** Whole or not at all: a hidden file beside it, made durable, then renamed over it. */
function writeToken(file: string, token: string): void {
  const tmp = join(dirname(file), `.${basename(file)}.${process.pid}.tmp`);
  try {
    const fd = openSync(tmp, 'wx', 0o600);
    try {
      writeSync(fd, `${token}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, file);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw fsUserError(err, file);
  }
}
