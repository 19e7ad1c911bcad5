import { ipBatch, mustRun, setSysctls } from './commands.js';

/** imrouter (nom's box, two WAN links), one router per ISP, and the internet behind both. */
/** Letters only: cleanup.ts's sweep of stale labs recognises a lab namespace by its `-<letters>` host suffix. */
export type DualWanHost = 'imrouter' | 'ispone' | 'isptwo' | 'internet';
export const DUAL_WAN_HOSTS: readonly DualWanHost[] = ['imrouter', 'ispone', 'isptwo', 'internet'];
export type DualWanNamespaces = Readonly<Record<DualWanHost, string>>;

export type WanRole = 'primary' | 'standby';
/**
 * wan: the cable between imrouter and the ISP's router (its far end goes down: imrouter loses
 * carrier, as when a modem dies); uplink: the ISP's own way to the internet (its router still
 * answers, nothing beyond it does).
 */
export type WanFault = 'wan' | 'uplink';

/** Documentation ranges only (RFC 5737): primary 198.51.100.0/25, standby 198.51.100.128/25, ISP uplinks in 192.0.2.0/24. */
export const DUAL_WAN_ADDRESSES = Object.freeze({
  primary: Object.freeze({ interface: 'wan1', address: '198.51.100.2', gateway: '198.51.100.1', prefix: '198.51.100.0/25', isp: 'ispone', uplink: '192.0.2.1', internetSide: '192.0.2.2' }),
  standby: Object.freeze({ interface: 'wan2', address: '198.51.100.130', gateway: '198.51.100.129', prefix: '198.51.100.128/25', isp: 'isptwo', uplink: '192.0.2.5', internetSide: '192.0.2.6' }),
  target: '203.0.113.10',
  postping: '203.0.113.20',
} as const);

const A = DUAL_WAN_ADDRESSES;

/**
 * Routes the kernel drops when a link goes down and does not bring back: an ISP router's way to
 * the internet, and the internet's way back to that ISP's customers.
 */
function uplinkRoutes(ns: DualWanNamespaces, role: WanRole): ReadonlyArray<readonly [string, string]> {
  const link = A[role];
  return [
    [ns[link.isp], `route replace default via ${link.internetSide} dev uplink`],
    [ns.internet, `route replace ${link.prefix} via ${link.uplink} dev ${link.isp}`],
  ];
}

/** Which namespace holds each end of a faulty link, and the interface names there. */
function faultEnds(ns: DualWanNamespaces, role: WanRole, fault: WanFault): ReadonlyArray<readonly [string, string]> {
  const link = A[role];
  // For `wan` only the ISP's end goes down, so imrouter keeps its interface (and routes) but loses carrier.
  return fault === 'wan' ? [[ns[link.isp], 'lan']] : [[ns[link.isp], 'uplink'], [ns.internet, link.isp]];
}

export async function setWanState(ns: DualWanNamespaces, role: WanRole, fault: WanFault, up: boolean): Promise<void> {
  await Promise.all(faultEnds(ns, role, fault).map(([name, dev]) => ipBatch(name, [`link set ${dev} ${up ? 'up' : 'down'}`])));
  if (up && fault === 'uplink') await Promise.all(uplinkRoutes(ns, role).map(([name, line]) => ipBatch(name, [line])));
}

/**
 * Builds imrouter =wan1= ispone =uplink= internet and imrouter =wan2= isptwo =uplink= internet, every
 * veth pair made inside the namespaces so nothing touches the host's. imrouter gets no default
 * route: nom's failover sets it, as imon's README asks ("no default gateway" on the WAN links).
 */
export async function buildDualWan(ns: DualWanNamespaces): Promise<void> {
  for (const host of DUAL_WAN_HOSTS) await mustRun('ip', ['netns', 'add', ns[host]]);
  await Promise.all(DUAL_WAN_HOSTS.map((host) => ipBatch(ns[host], ['link set lo up'])));
  for (const role of ['primary', 'standby'] as const) {
    const link = A[role];
    await ipBatch(ns.imrouter, [`link add ${link.interface} type veth peer name lan netns ${ns[link.isp]}`]);
    await ipBatch(ns[link.isp], [`link add uplink type veth peer name ${link.isp} netns ${ns.internet}`]);
  }
  await Promise.all([
    // Loose reverse-path filtering, as common distributions set it: a reply through the link
    // that does not carry the default route must still be let in (strict mode would drop it).
    setSysctls(ns.imrouter, { 'net.ipv4.conf.all.rp_filter': '2', 'net.ipv4.conf.default.rp_filter': '2' }),
    ...(['ispone', 'isptwo'] as const).map((isp) => setSysctls(ns[isp], { 'net.ipv4.ip_forward': '1', 'net.ipv4.icmp_ratelimit': '0' })),
  ]);
  await Promise.all([
    ipBatch(ns.imrouter, (['primary', 'standby'] as const).flatMap((role) => [`address add ${A[role].address}/25 dev ${A[role].interface}`, `link set ${A[role].interface} up`])),
    ...(['primary', 'standby'] as const).map((role) =>
      ipBatch(ns[A[role].isp], [
        `address add ${A[role].gateway}/25 dev lan`,
        `address add ${A[role].uplink}/30 dev uplink`,
        'link set lan up',
        'link set uplink up',
      ]),
    ),
    ipBatch(ns.internet, [
      ...(['primary', 'standby'] as const).flatMap((role) => [`address add ${A[role].internetSide}/30 dev ${A[role].isp}`, `link set ${A[role].isp} up`]),
      // Hosts live on lo because this kernel has no dummy interfaces; /32s keep each one exact.
      `address add ${A.target}/32 dev lo`,
      `address add ${A.postping}/32 dev lo`,
    ]),
  ]);
  await Promise.all((['primary', 'standby'] as const).flatMap((role) => uplinkRoutes(ns, role).map(([name, line]) => ipBatch(name, [line]))));
}
