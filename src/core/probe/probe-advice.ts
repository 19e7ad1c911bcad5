import type { UnprivilegedIcmp } from './ping-group-range.js';

/** What was found out on the way to a prober, for the words a desktop user reads when none works. */
export interface ProbeFailureFacts {
  /** Why the system ping failed its loopback check. */
  ping: string;
  icmp: UnprivilegedIcmp;
  /** Why the ICMP helper, started as it is, did not start. */
  helper: string;
  /** The permission dialog (pkexec) was shown and not answered with yes; false also when there is none. */
  refused: boolean;
}

/** The value that lets every group in: what distributions that allow unprivileged ICMP set. */
const ALL_GROUPS = '0 2147483647';
/** A ping error line can be long; the words must stay readable (and within a health event's bound). */
const MAX_DETAIL = 72;

/**
 * Why nom cannot probe and what the user can do about it, in the words the tray and the
 * dashboard show: the facts first, then each remedy that fits them, TCP probes last (they
 * always work).
 */
export function cannotProbeAdvice(facts: ProbeFailureFacts): string {
  const notInstalled = /\bENOENT\b/.test(facts.ping);
  const reasons = [notInstalled ? 'ping is not installed' : `ping does not work here (${clip(facts.ping)})`];
  if (!facts.icmp.allowed && facts.icmp.range !== null) reasons.push(`unprivileged ICMP is not allowed for your group (net.ipv4.ping_group_range = ${facts.icmp.range})`);
  const helper = [`the ICMP helper could not start (${clip(facts.helper)})`];
  if (facts.refused) helper.push('the permission to run it was not given');

  const remedies = notInstalled ? ['Install iputils-ping'] : [];
  if (!facts.icmp.allowed && facts.icmp.range !== null) remedies.push(`allow it with: sudo sysctl net.ipv4.ping_group_range='${ALL_GROUPS}'`);
  remedies.push('choose TCP probes in Settings');
  const advice = remedies.join(', or ');
  return `nom cannot send pings: ${reasons.join(' and ')}; ${helper.join(', and ')}. ${advice.charAt(0).toUpperCase()}${advice.slice(1)}.`;
}

/** Which way the system ping works without nom asking for anything, for "probing with …". */
export function pingWorksBecause(icmp: UnprivilegedIcmp): string {
  return icmp.allowed
    ? `unprivileged ICMP: group ${icmp.gid} is in net.ipv4.ping_group_range ${icmp.range}`
    : 'ping has the privilege itself: setcap cap_net_raw or setuid';
}

function clip(text: string): string {
  return text.length <= MAX_DETAIL ? text : `${text.slice(0, MAX_DETAIL - 1)}…`;
}
