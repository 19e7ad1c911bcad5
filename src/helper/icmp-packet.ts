import { SocketAddress } from 'node:net';
import type { IpFamily } from '../shared/helper-protocol.js';

/** Bytes of the echo payload that identify one request: an error quoting them is surely ours. */
export const TOKEN_LENGTH = 8;

const ECHO_REQUEST: Record<IpFamily, number> = { ipv4: 8, ipv6: 128 };
const ECHO_REPLY: Record<IpFamily, number> = { ipv4: 0, ipv6: 129 };
/** Errors that quote the packet that caused them: destination unreachable, time exceeded, parameter problem (and IPv6 packet too big). */
const ERROR_TYPES: Record<IpFamily, ReadonlySet<number>> = { ipv4: new Set([3, 11, 12]), ipv6: new Set([1, 2, 3, 4]) };
const ICMP_HEADER = 8;
const IPV6_HEADER = 40;
const PROTO_ICMP = 1;
const PROTO_ICMPV6 = 58;

export type IcmpMessage =
  | { kind: 'echo-reply'; identifier: number; sequence: number; token: Buffer | null }
  | {
      kind: 'error';
      icmpType: number;
      icmpCode: number;
      /** Next-hop MTU (IPv4 fragmentation needed, IPv6 packet too big), 0 when not given. */
      mtu: number;
      identifier: number;
      sequence: number;
      /** Where the quoted echo was going, canonical text. */
      destination: string;
      token: Buffer | null;
    };

/**
 * An echo request. The IPv4 checksum is ours to write; for ICMPv6 the kernel always fills it in
 * (it covers a pseudo-header with the source address, which only the kernel knows).
 */
export function buildEchoRequest(family: IpFamily, identifier: number, sequence: number, token: Buffer, payloadSize: number): Buffer {
  const packet = Buffer.alloc(ICMP_HEADER + payloadSize);
  packet[0] = ECHO_REQUEST[family];
  packet.writeUInt16BE(identifier, 4);
  packet.writeUInt16BE(sequence, 6);
  token.copy(packet, ICMP_HEADER, 0, TOKEN_LENGTH);
  for (let i = ICMP_HEADER + TOKEN_LENGTH; i < packet.length; i++) packet[i] = i & 0xff;
  if (family === 'ipv4') packet.writeUInt16BE(internetChecksum(packet), 2);
  return packet;
}

/** What a received packet says about our echoes, or null for anything else (other types, truncated, malformed). */
export function parseIcmp(family: IpFamily, packet: Buffer): IcmpMessage | null {
  if (family === 'ipv4') {
    // An IPv4 raw socket hands over the IP header too; an IPv6 one does not.
    if (packet.length < 20 || packet[0]! >> 4 !== 4 || packet[9] !== PROTO_ICMP) return null;
    const icmp = packet.subarray((packet[0]! & 0x0f) * 4);
    if (icmp.length >= ICMP_HEADER && icmp[0] === ECHO_REPLY.ipv4 && internetChecksum(icmp) !== 0) return null;
    return parseIcmpBody('ipv4', icmp);
  }
  return parseIcmpBody('ipv6', packet);
}

function parseIcmpBody(family: IpFamily, icmp: Buffer): IcmpMessage | null {
  if (icmp.length < ICMP_HEADER) return null;
  const type = icmp[0]!;
  if (type === ECHO_REPLY[family]) {
    return { kind: 'echo-reply', identifier: icmp.readUInt16BE(4), sequence: icmp.readUInt16BE(6), token: tokenOf(icmp) };
  }
  if (!ERROR_TYPES[family].has(type)) return null;
  const quoted = quotedEcho(family, icmp.subarray(ICMP_HEADER));
  if (!quoted) return null;
  const mtu = family === 'ipv4' ? (type === 3 && icmp[1] === 4 ? icmp.readUInt16BE(6) : 0) : type === 2 ? icmp.readUInt32BE(4) : 0;
  return { kind: 'error', icmpType: type, icmpCode: icmp[1]!, mtu, ...quoted };
}

/** The echo request an ICMP error quotes: original IP header, then at least 8 bytes of ICMP (RFC 792, RFC 4443). */
function quotedEcho(
  family: IpFamily,
  original: Buffer,
): { identifier: number; sequence: number; destination: string; token: Buffer | null } | null {
  let echo: Buffer;
  let destination: string;
  if (family === 'ipv4') {
    if (original.length < 20 || original[0]! >> 4 !== 4 || original[9] !== PROTO_ICMP) return null;
    destination = formatAddress(original.subarray(16, 20));
    echo = original.subarray((original[0]! & 0x0f) * 4);
  } else {
    // Our echoes carry no extension headers, so anything else quoted is not ours.
    if (original.length < IPV6_HEADER || original[0]! >> 4 !== 6 || original[6] !== PROTO_ICMPV6) return null;
    destination = formatAddress(original.subarray(24, 40));
    echo = original.subarray(IPV6_HEADER);
  }
  if (echo.length < ICMP_HEADER || echo[0] !== ECHO_REQUEST[family]) return null;
  return { identifier: echo.readUInt16BE(4), sequence: echo.readUInt16BE(6), destination, token: tokenOf(echo) };
}

function tokenOf(icmp: Buffer): Buffer | null {
  return icmp.length >= ICMP_HEADER + TOKEN_LENGTH ? icmp.subarray(ICMP_HEADER, ICMP_HEADER + TOKEN_LENGTH) : null;
}

/** RFC 1071: the one's-complement sum; 0 over a packet whose checksum is right. */
export function internetChecksum(data: Buffer): number {
  let sum = 0;
  for (let i = 0; i + 1 < data.length; i += 2) sum += data.readUInt16BE(i);
  if (data.length % 2 === 1) sum += data[data.length - 1]! << 8;
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}

function formatAddress(bytes: Buffer): string {
  if (bytes.length === 4) return bytes.join('.');
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(bytes.readUInt16BE(i).toString(16));
  return canonicalAddress(groups.join(':'));
}

/** One spelling per address (no zone, IPv6 compressed, lower case), so a quoted destination compares with the requested one. */
export function canonicalAddress(address: string): string {
  const bare = address.split('%')[0] ?? address;
  if (!bare.includes(':')) return bare;
  try {
    return new SocketAddress({ address: bare, family: 'ipv6' }).address;
  } catch {
    return bare.toLowerCase();
  }
}
