import type { ChildProcess } from 'node:child_process';
import { ipBatch, mustRun } from './commands.js';

/**
 * The delayable WAN. This kernel has no netem and Node cannot drive a TUN device (no ioctl), so
 * the router's and the internet's "wan" are VXLAN interfaces whose UDP carrier passes through a
 * relay process in a fourth namespace, "wire"; the relay holds packets to add delay.
 *
 *   router  wan(vxlan) -> wire(veth) == [wire ns: relay] == wire(veth) <- wan(vxlan)  internet
 *
 * The carrier uses the IPv6 documentation prefix (RFC 3849) so it cannot collide with any IPv4
 * address or route of the lab, and the lab's IPv4 traffic never sees it.
 */
export const WIRE = {
  port: 4789,
  router: '2001:db8:1::1',
  relayRouterSide: '2001:db8:1::2',
  internet: '2001:db8:2::1',
  relayInternetSide: '2001:db8:2::2',
} as const;

/** Room for the VXLAN header, so the WAN keeps a 1500-byte MTU like the veth it replaces. */
const CARRIER_MTU = 1600;

/** Creates the wire namespace, the carrier veths and the two VXLAN "wan" interfaces (left down). */
export async function buildWire(router: string, internet: string, wire: string): Promise<void> {
  await mustRun('ip', ['netns', 'add', wire]);
  await ipBatch(wire, [
    'link set lo up',
    `link add router type veth peer name wire netns ${router}`,
    `link add internet type veth peer name wire netns ${internet}`,
    `link set router mtu ${CARRIER_MTU} up`,
    `link set internet mtu ${CARRIER_MTU} up`,
    // nodad: the addresses are usable at once instead of after duplicate detection.
    `address add ${WIRE.relayRouterSide}/64 dev router nodad`,
    `address add ${WIRE.relayInternetSide}/64 dev internet nodad`,
  ]);
  const end = (ns: string, local: string, remote: string): Promise<string> =>
    ipBatch(ns, [
      `link set wire mtu ${CARRIER_MTU} up`,
      `address add ${local}/64 dev wire nodad`,
      `link add wan type vxlan id 1 local ${local} remote ${remote} dstport ${WIRE.port} dev wire`,
    ]);
  await Promise.all([end(router, WIRE.router, WIRE.relayRouterSide), end(internet, WIRE.internet, WIRE.relayInternetSide)]);
}

/** Sends one command line to the relay and waits for it to echo the line back as its acknowledgement. */
export function commandRelay(relay: ChildProcess, line: string, timeoutMs = 5_000): Promise<void> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const onData = (chunk: Buffer): void => {
      seen += chunk.toString('utf8');
      if (seen.split('\n').includes(line)) finish();
    };
    const finish = (error?: Error): void => {
      clearTimeout(timer);
      relay.stdout?.off('data', onData);
      if (error) reject(error);
      else resolve();
    };
    const timer = setTimeout(() => finish(new Error(`delay relay did not acknowledge "${line}" within ${timeoutMs} ms`)), timeoutMs);
    relay.stdout?.on('data', onData);
    relay.stdin?.write(`${line}\n`);
  });
}
