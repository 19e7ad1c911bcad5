import { BlockList, isIPv4, isIPv6 } from 'node:net';
import type { DdnsConfig } from '../../../shared/config-schema.js';

export type IpFamily = DdnsConfig['family'];
export type IpAnswer = { ok: true; address: string } | { ok: false; error: string };

/**
 * Addresses no remote server can ever see a client come from: answering one is a broken or
 * lying provider. Private, shared (CGNAT), unique-local and documentation ranges are accepted on
 * purpose: a provider inside the user's own or the ISP's network honestly sees those, and the
 * network lab runs its providers on documentation addresses.
 */
const IMPOSSIBLE: Record<IpFamily, BlockList> = { ipv4: new BlockList(), ipv6: new BlockList() };
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  IMPOSSIBLE.ipv4.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['::ffff:0:0', 96],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  IMPOSSIBLE.ipv6.addSubnet(network, prefix, 'ipv6');
}

/** Dual-stack servers print an IPv4 client as `::ffff:a.b.c.d`; that is an IPv4 answer. */
const MAPPED_IPV4 = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i;

/**
 * The address in a provider's plain-text answer, in canonical form (IPv6 lower case and
 * compressed, so one address never looks like a change), or why the answer is not taken.
 */
export function parseIpAnswer(body: string, family: IpFamily): IpAnswer {
  const text = body.trim();
  if (text === '') return { ok: false, error: 'empty answer' };
  const mapped = MAPPED_IPV4.exec(text)?.[1];
  const v4 = mapped ?? text;
  if (family === 'ipv4') {
    if (isIPv4(v4)) return notImpossible(v4, family);
    return { ok: false, error: isIPv6(text) ? `an IPv6 address (${text}) where IPv4 was asked for` : `not an address: ${preview(text)}` };
  }
  if (mapped !== undefined || isIPv4(text)) return { ok: false, error: `an IPv4 address (${text}) where IPv6 was asked for` };
  // A zone (fe80::1%eth0) only means something on this host.
  if (!isIPv6(text) || text.includes('%')) return { ok: false, error: `not an address: ${preview(text)}` };
  return notImpossible(new URL(`http://[${text}]/`).hostname.slice(1, -1), family);
}

function notImpossible(address: string, family: IpFamily): IpAnswer {
  if (IMPOSSIBLE[family].check(address, family)) return { ok: false, error: `${address} cannot be an external address` };
  return { ok: true, address };
}

/** The start of a bad answer, printable, for the log and the journal. */
function preview(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ');
  return JSON.stringify(oneLine.length > 40 ? `${oneLine.slice(0, 40)}…` : oneLine);
}
