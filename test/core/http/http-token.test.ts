import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ensureToken } from '../../../src/core/http/http-token.js';
import { UserError } from '../../../src/core/errors.js';
import { tempDir } from '../../support/tmp.js';

describe('the HTTP access token file', () => {
  it('makes a token of 32 random bytes once, readable by the user alone, and leaves nothing else beside it', () => {
    const dir = tempDir();
    const file = join(dir, 'http-token');
    const made = ensureToken(file);
    assert.equal(made.created, true);
    assert.match(made.token, /^[A-Za-z0-9_-]{43}$/);
    assert.equal(Buffer.from(made.token, 'base64url').length, 32);
    assert.equal(readFileSync(file, 'utf8'), `${made.token}\n`);
    assert.equal(statSync(file).mode & 0o777, 0o600);
    assert.deepEqual(readdirSync(dir), ['http-token']);
    assert.notEqual(ensureToken(join(dir, 'other')).token, made.token, 'each one its own');
  });

  it('keeps the token across restarts', () => {
    const file = join(tempDir(), 'http-token');
    const made = ensureToken(file);
    assert.deepEqual(ensureToken(file), { token: made.token, created: false });
  });

  it("takes a token the user wrote, with or without its line's end", () => {
    const file = join(tempDir(), 'http-token');
    const own = 'my-own-token_that-is-long-enough-123456';
    writeFileSync(file, `${own}\n`);
    assert.deepEqual(ensureToken(file), { token: own, created: false });
    writeFileSync(file, own);
    assert.deepEqual(ensureToken(file), { token: own, created: false });
  });

  it('refuses a file that holds no token, naming it, and leaves it as it was', () => {
    const file = join(tempDir(), 'http-token');
    for (const text of ['', 'short', 'two\nlines-of-a-token-that-is-long-enough', 'has spaces in it and is long enough to be a token', '{"token": "k3Jv0q7bS2x9_WmZ-pL4cRt8uYh1aE6nD5fG0iJ2oQs"}']) {
      writeFileSync(file, text);
      assert.throws(
        () => ensureToken(file),
        (err: Error) => err instanceof UserError && err.message.startsWith(`${file}: not an access token`) && !err.message.includes('\n'),
        JSON.stringify(text),
      );
      assert.equal(readFileSync(file, 'utf8'), text);
    }
  });

  it('says in one line when the token cannot be written', () => {
    const file = join(tempDir(), 'no-such-folder', 'http-token');
    assert.throws(
      () => ensureToken(file),
      (err: Error) => err instanceof UserError && err.message === `${file}: no such file or folder`,
    );
  });
});
