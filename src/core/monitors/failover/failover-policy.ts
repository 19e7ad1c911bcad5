/** The two links, as the configuration and imon's action calls name them. */
export type Role = 'primary' | 'standby';

export type LinkStatus = 'starting' | 'up' | 'down';

export interface Situation {
  status: Record<Role, LinkStatus>;
  /** The link whose route wins in the kernel now; null when none of ours does. */
  active: Role | null;
  /** The link that was active when nom last ran, for when the kernel has no route of ours (after a reboot). */
  remembered: Role | null;
  /** Since when (ms) the primary has been up without a break; null while it is not up. */
  primaryUpSince: number | null;
  nowMs: number;
  preferPrimary: boolean;
  failbackAfterMs: number;
}

export type Decision = { kind: 'wait' } | { kind: 'stay' } | { kind: 'switch'; to: Role; why: string } | { kind: 'both-down' };

const OTHER: Record<Role, Role> = { primary: 'standby', standby: 'primary' };

/**
 * Where traffic should go, given what is known now. Nothing is decided until both links have
 * been checked once. A dead active link is left at once for a working one; the primary gets
 * traffic back only when preferred and after `failbackAfterMs` of unbroken success, so a flapping
 * primary never drags traffic back and forth.
 */
export function decide(s: Situation): Decision {
  const { primary, standby } = s.status;
  if (primary === 'starting' || standby === 'starting') return { kind: 'wait' };
  if (primary === 'down' && standby === 'down') return { kind: 'both-down' };
  const up = (role: Role) => s.status[role] === 'up';

  if (s.active === null) {
    const pick: Role = s.remembered !== null && up(s.remembered) ? s.remembered : up('primary') ? 'primary' : 'standby';
    return { kind: 'switch', to: pick, why: 'no default route of ours is in use' };
  }
  if (!up(s.active)) return { kind: 'switch', to: OTHER[s.active], why: `the ${s.active} link is down` };
  if (s.active === 'standby' && s.preferPrimary && s.primaryUpSince !== null && s.nowMs - s.primaryUpSince >= s.failbackAfterMs) {
    return { kind: 'switch', to: 'primary', why: `the primary link has been up for ${Math.round((s.nowMs - s.primaryUpSince) / 1000)} s` };
  }
  return { kind: 'stay' };
}
