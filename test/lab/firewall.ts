import { nft } from './commands.js';

/**
 * Random loss on packets the router forwards out of its WAN. One direction only, so a percentage
 * is the share of round trips (echo, DNS query) that fail, which is what the monitor measures.
 * Resolution is 0.01 %.
 */
export async function setWanLoss(routerNs: string, percent: number): Promise<void> {
  if (!Number.isFinite(percent) || percent < 0 || percent > 100) {
    throw new RangeError(`loss must be a percentage from 0 to 100, got ${percent}`);
  }
  const threshold = Math.round(percent * 100);
  const rule = threshold === 0 ? '' : `add rule inet nomlab loss oifname "wan" numgen random mod 10000 < ${threshold} drop\n`;
  // One nft transaction: the old rule and the new one never coexist, and there is no loss-free gap.
  await nft(routerNs, `flush chain inet nomlab loss\n${rule}`);
}

/** Adds or removes an address from the internet's set of hosts that ignore echo requests. */
export async function setIcmpBlocked(internetNs: string, address: string, blocked: boolean): Promise<void> {
  const verb = blocked ? 'add' : 'delete';
  await nft(internetNs, `${verb} element inet nomlab icmp_blocked { ${address} }\n`);
}
