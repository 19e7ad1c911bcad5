import { createHash, timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { refuse } from './api-answer.js';

/** Where a client that cannot set headers (EventSource, a download link) puts the token. */
export const TOKEN_PARAMETER = 'token';

const SEE_THE_ADDRESS = 'open the address the daemon printed when it first started';

/**
 * Off loopback, every API call carries the token, in `Authorization: Bearer` or the query.
 * The UI's files need none: they hold nothing of the user's, and the page must load to read
 * the token from its own address.
 */
export function tokenGuard(token: string): MiddlewareHandler {
  return async (c, next) => {
    const given = givenToken(c);
    if (given === undefined) {
      return refuse(c, 'forbidden', `this server needs its access token: ${SEE_THE_ADDRESS}`, { status: 401, headers: { 'WWW-Authenticate': 'Bearer' } });
    }
    if (!sameSecret(given, token)) return refuse(c, 'forbidden', `the access token is not this server's: ${SEE_THE_ADDRESS}`);
    await next();
  };
}

/**
 * The token the request carries; one given twice counts as wrong, not missing. Another
 * scheme's Authorization (a proxy's Basic in front of this server) is not ours to judge.
 */
function givenToken(c: Context): string | undefined {
  const bearer = /^Bearer +(\S+)\s*$/i.exec(c.req.header('authorization') ?? '')?.[1];
  if (bearer !== undefined) return bearer;
  const inQuery = new URL(c.req.url).searchParams.getAll(TOKEN_PARAMETER);
  if (inQuery.length === 0) return undefined;
  return inQuery.length === 1 ? inQuery[0] : '';
}

/** Compared through their digests, so that neither the time taken nor a length tells how much was right. */
function sameSecret(given: string, token: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(given), digest(token));
}

/**
 * Why a state-changing call is refused as coming from another site, or null when it comes
 * from this server's own pages (or from no page at all, like curl). A browser tells the
 * origin of a script's request; this server's own is its Host header's.
 */
export function foreignOrigin(c: Context): string | null {
  const origin = c.req.header('origin');
  if (origin !== undefined && origin.toLowerCase() !== `http://${c.req.header('host') ?? ''}`.toLowerCase()) {
    return `a page of ${origin} cannot change this server's state`;
  }
  const site = c.req.header('sec-fetch-site');
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return `a ${site} request cannot change this server's state`;
  return null;
}
