import type { IpFamily } from '../shared/helper-protocol.js';

/** RFC 792 / RFC 1812 destination-unreachable codes. */
const V4_UNREACHABLE = [
  'net unreachable',
  'host unreachable',
  'protocol unreachable',
  'port unreachable',
  'fragmentation needed',
  'source route failed',
  'destination net unknown',
  'destination host unknown',
  'source host isolated',
  'net administratively prohibited',
  'host administratively prohibited',
  'net unreachable for type of service',
  'host unreachable for type of service',
  'communication administratively prohibited',
  'host precedence violation',
  'precedence cutoff in effect',
];

/** RFC 4443 destination-unreachable codes. */
const V6_UNREACHABLE = [
  'no route to destination',
  'communication administratively prohibited',
  'beyond scope of source address',
  'address unreachable',
  'port unreachable',
  'source address failed ingress/egress policy',
  'reject route to destination',
  'error in source routing header',
];

const TIME_EXCEEDED = ['time to live exceeded in transit', 'fragment reassembly time exceeded'];

/** A line a person reads in a report: "net unreachable", "time to live exceeded in transit"… */
export function icmpErrorDetail(family: IpFamily, type: number, code: number, mtu: number): string {
  const withMtu = (text: string) => (mtu > 0 ? `${text} (mtu ${mtu})` : text);
  if (family === 'ipv4') {
    if (type === 3) return withMtu(V4_UNREACHABLE[code] ?? `destination unreachable (code ${code})`);
    if (type === 11) return TIME_EXCEEDED[code] ?? `time exceeded (code ${code})`;
    if (type === 12) return `parameter problem (code ${code})`;
  } else {
    if (type === 1) return V6_UNREACHABLE[code] ?? `destination unreachable (code ${code})`;
    if (type === 2) return withMtu('packet too big');
    if (type === 3) return code === 0 ? 'hop limit exceeded in transit' : (TIME_EXCEEDED[code] ?? `time exceeded (code ${code})`);
    if (type === 4) return `parameter problem (code ${code})`;
  }
  return `ICMP type ${type} code ${code}`;
}
