import { endianness } from 'node:os';
import raw, { type Socket } from 'raw-socket';
import type { IpFamily } from '../shared/helper-protocol.js';

const SOL_RAW = 255;
const ICMP_FILTER = 1;
const IPPROTO_ICMPV6 = 58;
const ICMP6_FILTER = 1;
/** Echo replies plus the errors that quote an echo (see icmp-packet.ts): nothing else needs to wake us. */
const WANTED: Record<IpFamily, readonly number[]> = { ipv4: [0, 3, 11, 12], ipv6: [1, 2, 3, 4, 129] };
/** Room for a burst of replies from many targets at once before the kernel starts dropping. */
const RECEIVE_BUFFER = 1 << 20;

export type OpenedSocket = { ok: true; socket: Socket } | { ok: false; message: string };

export function openIcmpSocket(family: IpFamily): OpenedSocket {
  let socket: Socket;
  try {
    socket =
      family === 'ipv4'
        ? raw.createSocket({ addressFamily: raw.AddressFamily.IPv4, protocol: raw.Protocol.ICMP })
        : raw.createSocket({ addressFamily: raw.AddressFamily.IPv6, protocol: raw.Protocol.ICMPv6 });
  } catch (err) {
    return { ok: false, message: err instanceof Error ? err.message : String(err) };
  }
  // Both are optimisations: the helper is correct without them, so a kernel refusing one is no reason to stop.
  try {
    socket.setOption(raw.SocketLevel.SOL_SOCKET, raw.SocketOption.SO_RCVBUF, RECEIVE_BUFFER);
  } catch {
    // Keeps the default buffer.
  }
  try {
    const filter = blockAllBut(family === 'ipv4' ? 32 : 256, WANTED[family]);
    socket.setOption(family === 'ipv4' ? SOL_RAW : IPPROTO_ICMPV6, family === 'ipv4' ? ICMP_FILTER : ICMP6_FILTER, filter, filter.length);
  } catch {
    // Unfiltered: everything ICMP arrives and parseIcmp discards what is not ours.
  }
  return { ok: true, socket };
}

/** Linux ICMP_FILTER / ICMP6_FILTER: a bitmap of types, host byte order, a set bit blocks the type. */
function blockAllBut(types: number, wanted: readonly number[]): Buffer {
  const words = new Uint32Array(types / 32).fill(0xffffffff);
  for (const type of wanted) words[type >> 5] = (words[type >> 5] ?? 0) & ~(1 << (type & 31));
  const buffer = Buffer.alloc(words.length * 4);
  words.forEach((word, i) => (endianness() === 'LE' ? buffer.writeUInt32LE(word >>> 0, i * 4) : buffer.writeUInt32BE(word >>> 0, i * 4)));
  return buffer;
}
