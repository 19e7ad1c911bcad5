import { ipBatch, mustRun, nft, setSysctls } from './commands.js';
import { buildWire } from './wire.js';

/** The three hosts of the lab, each its own network namespace. */
export type LabHost = 'client' | 'router' | 'internet';
export const LAB_HOSTS: readonly LabHost[] = ['client', 'router', 'internet'];

/** lan: client <-> router; wan: router <-> internet. Both ends of a link carry the link's name. */
export type LabLink = 'lan' | 'wan';

/** Documentation ranges only (RFC 5737), so nothing here can ever name a real host. */
export const LAB_ADDRESSES = Object.freeze({
  client: '192.0.2.10',
  gateway: '192.0.2.1',
  lanPrefix: '192.0.2.0/24',
  routerWan: '198.51.100.1',
  isp: '198.51.100.2',
  wanPrefix: '198.51.100.0/24',
  target: '203.0.113.10',
  dns: '203.0.113.53',
  spare: Object.freeze(Array.from({ length: 10 }, (_, i) => `203.0.113.${11 + i}`)),
} as const);

export type LabAddresses = typeof LAB_ADDRESSES;

/** Every address the internet namespace answers on: targets for pings, homes for DNS servers. */
export const INTERNET_HOSTS: readonly string[] = [LAB_ADDRESSES.target, LAB_ADDRESSES.dns, ...LAB_ADDRESSES.spare];

export type LabNamespaces = Readonly<Record<LabHost, string>>;

/** Which namespaces hold each end of a link. */
export function linkEnds(ns: LabNamespaces, link: LabLink): readonly [string, string] {
  return link === 'lan' ? [ns.client, ns.router] : [ns.router, ns.internet];
}

/**
 * Static routes that name a gateway on a link. The kernel drops them when the link goes down and
 * only brings back the connected prefix when it comes up, so linkUp must put these back itself.
 */
function gatewayRoutes(ns: LabNamespaces, link: LabLink): readonly [string, string][] {
  const a = LAB_ADDRESSES;
  return link === 'lan'
    ? [[ns.client, `route replace default via ${a.gateway} dev lan`]]
    : [
        [ns.router, `route replace default via ${a.isp} dev wan`],
        [ns.internet, `route replace ${a.lanPrefix} via ${a.routerWan} dev wan`],
      ];
}

export async function setLinkState(ns: LabNamespaces, link: LabLink, up: boolean): Promise<void> {
  const state = up ? 'up' : 'down';
  await Promise.all(linkEnds(ns, link).map((name) => ipBatch(name, [`link set ${link} ${state}`])));
  if (up) await Promise.all(gatewayRoutes(ns, link).map(([name, line]) => ipBatch(name, [line])));
}

/** The router's filter table: a chain that setLoss refills, so loss is one flush plus one rule. */
const ROUTER_NFT = `
table inet nomlab {
  chain loss { }
  chain forward { type filter hook forward priority filter; policy accept; jump loss; }
}
`;

/** The internet's filter table: addresses in the set stop answering echo requests, nothing else changes. */
const INTERNET_NFT = `
table inet nomlab {
  set icmp_blocked { type ipv4_addr; }
  chain input {
    type filter hook input priority filter; policy accept;
    ip daddr @icmp_blocked icmp type echo-request drop
  }
}
`;

/**
 * Builds client -- lan -- router -- wan -- internet. The veth pairs are created directly inside
 * the namespaces, so no interface of the lab ever exists in, or links to, the host's namespace.
 * With a wire namespace the WAN is the delayable VXLAN of wire.ts instead of a veth pair; either
 * way both ends are called "wan" and everything else is the same.
 */
export async function buildTopology(ns: LabNamespaces, wire?: string): Promise<void> {
  const a = LAB_ADDRESSES;
  for (const host of LAB_HOSTS) await mustRun('ip', ['netns', 'add', ns[host]]);

  await ipBatch(ns.client, ['link set lo up', `link add lan type veth peer name lan netns ${ns.router}`]);
  await ipBatch(ns.router, ['link set lo up']);
  if (wire === undefined) await ipBatch(ns.router, [`link add wan type veth peer name wan netns ${ns.internet}`]);
  else await buildWire(ns.router, ns.internet, wire);

  await Promise.all([
    setSysctls(ns.router, {
      'net.ipv4.ip_forward': '1',
      // Every probe the monitor sends should see its own ICMP error; the default 1/s limit
      // would make unreachable-vs-timeout depend on test timing.
      'net.ipv4.icmp_ratelimit': '0',
    }),
    // Lets unprivileged ICMP sockets work too, so probes can run without CAP_NET_RAW.
    setSysctls(ns.client, { 'net.ipv4.ping_group_range': '0 2147483647' }),
  ]);

  await Promise.all([
    ipBatch(ns.client, [`address add ${a.client}/24 dev lan`, 'link set lan up']),
    ipBatch(ns.router, [
      `address add ${a.gateway}/24 dev lan`,
      `address add ${a.routerWan}/24 dev wan`,
      'link set lan up',
      'link set wan up',
    ]),
    ipBatch(ns.internet, [
      'link set lo up',
      `address add ${a.isp}/24 dev wan`,
      'link set wan up',
      // Hosts live on lo because this kernel has no dummy interfaces; /32s keep each one exact.
      ...INTERNET_HOSTS.map((host) => `address add ${host}/32 dev lo`),
    ]),
  ]);

  await Promise.all([
    ...(['lan', 'wan'] as const).flatMap((link) => gatewayRoutes(ns, link).map(([name, line]) => ipBatch(name, [line]))),
    nft(ns.router, ROUTER_NFT),
    nft(ns.internet, INTERNET_NFT),
  ]);
}
