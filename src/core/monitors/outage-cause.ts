import type { OutageCause } from '../../shared/events.js';
import type { ProbeResult } from '../probe/prober.js';

/**
 * Why a target went unreachable, answering the user's first question: is it me or them?
 * - local: our own link or the home router (the default gateway) is down;
 * - isp: the gateway answers but the internet beyond it does not;
 * - target: a DNS query through the internet is answered, so only the target is silent
 *   (imon's "refutation"); reports count these apart from internet downtime;
 * - unknown: not enough evidence to say.
 */
export type { OutageCause };

export type GatewayState = 'up' | 'down' | 'unknown' | 'is-target';
export type DnsState = 'answered' | 'failed' | 'not-configured';

export function attributeCause(failure: ProbeResult, gateway: GatewayState, dns: DnsState): OutageCause {
  if (!failure.ok && failure.reason === 'local') return 'local';
  if (gateway === 'down' || gateway === 'is-target') return 'local';
  if (dns === 'answered') return 'target';
  if (gateway === 'up') return 'isp';
  return 'unknown';
}
