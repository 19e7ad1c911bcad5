import { readFileSync } from 'node:fs';

/**
 * `net.ipv4.ping_group_range`: the groups whose members may open ICMP datagram sockets without
 * any privilege, which iputils ping uses when it may. The kernel lets a process in when its
 * effective group or any of its supplementary groups lies in the range; "1 0", the default on
 * many systems, lets nobody in.
 */
export const PING_GROUP_RANGE_FILE = '/proc/sys/net/ipv4/ping_group_range';

export type UnprivilegedIcmp =
  /** `gid`: the first of the process's groups that the range lets in. */
  | { allowed: true; gid: number; range: string }
  /** range null: there is no such setting here (not Linux, or not readable). */
  | { allowed: false; range: string | null };

/** What the setting's text allows for a process in `gids`. Pure: the file's text and the groups in, the answer out. */
export function unprivilegedIcmp(text: string | null, gids: readonly number[]): UnprivilegedIcmp {
  const bounds = text?.trim().split(/\s+/).map(Number);
  if (bounds?.length !== 2 || !bounds.every(Number.isInteger)) return { allowed: false, range: null };
  const [low = 1, high = 0] = bounds;
  const range = `${low} ${high}`;
  const gid = gids.find((g) => g >= low && g <= high);
  return gid === undefined ? { allowed: false, range } : { allowed: true, gid, range };
}

/** The same for this process, from the running kernel. */
export function unprivilegedIcmpHere(): UnprivilegedIcmp {
  let text: string | null = null;
  try {
    text = readFileSync(PING_GROUP_RANGE_FILE, 'utf8');
  } catch {
    // Not Linux, or /proc not mounted: there is no such setting.
  }
  const gids = process.getegid && process.getgroups ? [process.getegid(), ...process.getgroups()] : [];
  return unprivilegedIcmp(text, gids);
}
