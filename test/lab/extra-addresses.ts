import { isIPv4 } from 'node:net';
import { ipBatch } from './commands.js';
import type { Lab } from './lab.js';
import { INTERNET_HOSTS, LAB_ADDRESSES } from './topology.js';

/**
 * More hosts for a lab: every address of the three documentation /24s answering echo requests
 * from the client, and loopback addresses inside the client namespace past those, for tests and
 * benchmarks that need hundreds of targets. Nothing here names an address outside 192.0.2.0/24,
 * 198.51.100.0/24, 203.0.113.0/24 or 127.0.0.0/8 (see DESIGN.md "Network safety in tests").
 */

/** The three documentation /24s (RFC 5737), host parts .1 to .254 of each: 762 addresses. */
export const DOCUMENTATION_NETWORKS = ['192.0.2', '198.51.100', '203.0.113'] as const;
const HOSTS_PER_NETWORK = 254;
export const DOCUMENTATION_HOST_COUNT = DOCUMENTATION_NETWORKS.length * HOSTS_PER_NETWORK;

/** Loopback addresses handed out, at most: 127.0.0.1 to 127.0.255.254. */
const MAX_LOOPBACK = 256 * 254;

/** Addresses the topology already answers on; they are used as they are, never added again. */
const TOPOLOGY_ADDRESSES: ReadonlySet<string> = new Set([
  LAB_ADDRESSES.client,
  LAB_ADDRESSES.gateway,
  LAB_ADDRESSES.routerWan,
  LAB_ADDRESSES.isp,
  ...INTERNET_HOSTS,
]);

const SAFE_ADDRESS = /^(?:192\.0\.2|198\.51\.100|203\.0\.113|127\.\d{1,3}\.\d{1,3})\.\d{1,3}$/;

/** Throws unless `address` is an IPv4 address in a documentation /24 or in 127.0.0.0/8. */
export function assertLabAddress(address: string): void {
  if (!isIPv4(address) || !SAFE_ADDRESS.test(address)) {
    throw new Error(`${address} is neither a documentation address nor loopback: a lab never probes it`);
  }
}

/** Every host address of the documentation /24s, in order: 192.0.2.1 … 203.0.113.254. */
export function documentationAddresses(): string[] {
  return DOCUMENTATION_NETWORKS.flatMap((net) => Array.from({ length: HOSTS_PER_NETWORK }, (_, i) => `${net}.${i + 1}`));
}

/** `count` loopback addresses from 127.0.0.1 on, skipping .0 and .255 in each /24. */
export function loopbackAddresses(count: number): string[] {
  if (!Number.isInteger(count) || count < 0 || count > MAX_LOOPBACK) throw new RangeError(`loopback count must be 0 to ${MAX_LOOPBACK}, got ${count}`);
  return Array.from({ length: count }, (_, i) => `127.0.${Math.floor(i / 254)}.${(i % 254) + 1}`);
}

/**
 * Makes every documentation address answer echo requests from the client, as /32s on lo
 * (this kernel has no dummy interfaces):
 * - 192.0.2.x on the router: on the client's own LAN, one hop, found by ARP;
 * - 198.51.100.x on the router too: reached through the default route, so the router answers
 *   them itself and needs no neighbour entry per address (the kernel's neighbour table is
 *   shared by all namespaces, and its soft limit is 512 entries);
 * - 203.0.113.x on the internet host: two hops, across the WAN.
 * Note that 198.51.100.x therefore stays reachable when the WAN is down. Call it once per lab.
 */
export async function addDocumentationHosts(lab: Lab): Promise<string[]> {
  const all = documentationAddresses();
  all.forEach(assertLabAddress);
  const extra = all.filter((address) => !TOPOLOGY_ADDRESSES.has(address));
  const on = (prefix: string) => extra.filter((address) => address.startsWith(`${prefix}.`)).map((address) => `address add ${address}/32 dev lo`);
  await Promise.all([
    ipBatch(lab.ns.router, [...on('192.0.2'), ...on('198.51.100')]),
    ipBatch(lab.ns.internet, on('203.0.113')),
  ]);
  return all;
}

/**
 * `count` addresses that all answer echo requests sent from the client: the 762 documentation
 * addresses first (added to the lab here), then loopback addresses (127.0.0.0/8 is local to the
 * client namespace already, and never leaves it).
 */
export async function addEchoTargets(lab: Lab, count: number): Promise<string[]> {
  const documentation = await addDocumentationHosts(lab);
  const addresses = [...documentation.slice(0, count), ...loopbackAddresses(Math.max(0, count - documentation.length))];
  addresses.forEach(assertLabAddress);
  return addresses;
}

/**
 * The addresses among `addresses` that did not answer an echo request from the client (one
 * fping pass, `retries` retries of `timeoutMs` each). Empty when every one answered.
 */
export async function unansweredFromClient(lab: Lab, addresses: readonly string[], retries = 2, timeoutMs = 1_000): Promise<string[]> {
  addresses.forEach(assertLabAddress);
  const result = await lab.exec('client', 'fping', ['-u', '-i', '1', '-r', String(retries), '-t', String(timeoutMs)], {
    input: `${addresses.join('\n')}\n`,
    timeoutMs: 60_000,
  });
  // fping exits 1 when some did not answer and lists them (-u) on stdout; 2 and up are errors.
  if (result.code === null || result.code > 1) throw new Error(`fping failed (${result.code ?? result.signal ?? '?'}): ${result.stderr.trim()}`);
  return result.stdout.split('\n').map((line) => line.trim()).filter(Boolean);
}
