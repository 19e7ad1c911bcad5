import { isIP } from 'node:net';
import { hostname } from 'node:os';

/**
 * Which Host header a request may carry. A web page elsewhere can point its own DNS name at this
 * machine (DNS rebinding) and have the visitor's browser read the reports: such a request
 * carries the page's name. So a name is accepted only when it is this machine's own (localhost,
 * its host name, that name under .local) or the one `--http` was given; an address in place
 * of a name is always ours, since no page can rebind an address.
 */
export function hostPolicy(listenHost: string, machineName = hostname()): (header: string | undefined) => boolean {
  const names = new Set(['localhost', machineName.toLowerCase(), `${machineName.toLowerCase()}.local`]);
  if (isIP(listenHost) === 0) names.add(listenHost.toLowerCase());
  return (header) => {
    if (header === undefined) return false;
    const name = hostNameOf(header);
    return isIP(name) !== 0 || names.has(name);
  };
}

/** The Host header's name without its port or an IPv6 address's brackets, lower case. */
function hostNameOf(header: string): string {
  const bracketed = /^\[([^\]]*)\](?::\d+)?$/.exec(header);
  if (bracketed) return bracketed[1]!.toLowerCase();
  return header.replace(/:\d+$/, '').replace(/\.$/, '').toLowerCase();
}
