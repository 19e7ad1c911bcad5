import { networkInterfaces } from 'node:os';
import type { FailoverInfo } from '../../actions/action-call.js';
import type { FailoverLink } from '../../../shared/config-schema.js';
import type { Role } from './failover-policy.js';

/** An interface's own IPv4 address now (DHCP may change it); empty when it has none. */
export type InterfaceAddress = (interfaceName: string) => string;

/**
 * Node lists only interfaces that are up and running, so a link that lost carrier has no address
 * there: the last one seen stands in for it.
 */
export function systemInterfaceAddress(): InterfaceAddress {
  const lastSeen = new Map<string, string>();
  return (name) => {
    const now = networkInterfaces()[name]?.find((a) => a.family === 'IPv4' && !a.internal)?.address;
    if (now !== undefined) lastSeen.set(name, now);
    return now ?? lastSeen.get(name) ?? '';
  };
}

/** imon's INFO for a link: `name:Primary|Standby:ifname:ip`, with the interface's own address. */
export function failoverInfo(role: Role, link: FailoverLink, address: InterfaceAddress): FailoverInfo {
  return { name: link.name, role: role === 'primary' ? 'Primary' : 'Standby', interface: link.interface, address: address(link.interface) };
}
