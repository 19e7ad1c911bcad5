import { readFileSync } from 'node:fs';

/**
 * The IPv4 default gateway with the best metric, read from /proc/net/route (no `ip` binary
 * needed, and it answers for the network namespace we run in). null when there is none.
 */
export function defaultGateway(routeTable = '/proc/net/route'): string | null {
  let text: string;
  try {
    text = readFileSync(routeTable, 'utf8');
  } catch {
    return null;
  }
  let best: { gateway: string; metric: number } | null = null;
  for (const line of text.split('\n').slice(1)) {
    const [, destination, gatewayHex, flags, , , metric, mask] = line.trim().split(/\s+/);
    if (destination !== '00000000' || mask !== '00000000' || !gatewayHex || !flags) continue;
    // RTF_UP (1) and RTF_GATEWAY (2) must both be set.
    if ((parseInt(flags, 16) & 3) !== 3) continue;
    const m = Number(metric);
    if (best === null || m < best.metric) best = { gateway: hexToIPv4(gatewayHex), metric: m };
  }
  return best?.gateway ?? null;
}

/** /proc/net/route prints addresses as little-endian hex. */
function hexToIPv4(hex: string): string {
  const n = parseInt(hex, 16);
  return [n & 255, (n >>> 8) & 255, (n >>> 16) & 255, (n >>> 24) & 255].join('.');
}
