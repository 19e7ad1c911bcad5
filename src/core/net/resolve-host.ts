import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { UserError } from '../errors.js';

/** An IP address as it is; a host name resolved once, at start (`what` names it in the error). */
export async function resolveHost(host: string, what: string): Promise<string> {
  if (isIP(host)) return host;
  try {
    return (await lookup(host)).address;
  } catch {
    throw new UserError(`${what}: cannot resolve "${host}" (give an IP address to monitor without DNS)`);
  }
}
