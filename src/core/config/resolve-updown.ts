import type { UpdownConfig } from '../../shared/config-schema.js';
import type { UpdownTarget } from '../monitors/updown-monitor.js';
import { resolveHost } from '../net/resolve-host.js';

export interface ResolvedUpdown {
  targets: UpdownTarget[];
  addping: string[];
  dns: { server: string; name: string } | null;
}

/** The updown section with every host name resolved to an address, once, at start. */
export async function resolveUpdown(updown: UpdownConfig): Promise<ResolvedUpdown> {
  const [targets, addping, server] = await Promise.all([
    Promise.all(updown.targets.map(async (t) => ({ name: t.name, address: await resolveHost(t.address, `target ${t.name}`) }))),
    Promise.all(updown.addping.map((a) => resolveHost(a, 'addping'))),
    updown.dns ? resolveHost(updown.dns.server, 'dns server') : Promise.resolve(null),
  ]);
  return { targets, addping, dns: updown.dns && server ? { server, name: updown.dns.name } : null };
}
