import type { DnsQuery } from '../probe/dns-query.js';
import type { ProbeResult, Prober } from '../probe/prober.js';
import { attributeCause, type DnsState, type GatewayState, type OutageCause } from './outage-cause.js';
import type { AddressFact, StartEvidence } from '../../shared/events.js';
import { probeFact } from './probe-fact.js';

/** Where the updown monitor looks, when a target goes down, to tell whose fault it is. */
export interface EvidenceSources {
  prober: Prober;
  /** The current default gateway, looked up at each outage (routes change). */
  gateway: () => string | null;
  dns: { server: string; name: string; query: DnsQuery } | null;
  addping: string[];
  timeoutMs: number;
}

export async function gatherStartEvidence(
  targetAddress: string,
  firstFailure: ProbeResult,
  sources: EvidenceSources,
): Promise<{ cause: OutageCause; evidence: StartEvidence }> {
  const gatewayAddress = sources.gateway();
  const isTarget = gatewayAddress === targetAddress;
  const [gateway, dns, addping] = await Promise.all([
    gatewayAddress && !isTarget ? probeAddress(sources, gatewayAddress) : Promise.resolve(null),
    sources.dns ? sources.dns.query(sources.dns.server, sources.dns.name, sources.timeoutMs) : Promise.resolve(null),
    probeAddping(sources),
  ]);
  const gatewayState: GatewayState = isTarget ? 'is-target' : gateway === null ? 'unknown' : gateway.result.ok ? 'up' : 'down';
  const dnsState: DnsState = dns === null ? 'not-configured' : dns.answered ? 'answered' : 'failed';
  return {
    cause: attributeCause(firstFailure, gatewayState, dnsState),
    evidence: {
      first_failure: probeFact(firstFailure),
      gateway,
      dns: dns && sources.dns ? { server: sources.dns.server, name: sources.dns.name, ...dns } : null,
      addping,
    },
  };
}

export function probeAddping(sources: EvidenceSources): Promise<AddressFact[]> {
  return Promise.all(sources.addping.map((address) => probeAddress(sources, address)));
}

async function probeAddress(sources: EvidenceSources, address: string): Promise<AddressFact> {
  return { address, result: probeFact(await sources.prober.probe(address, sources.timeoutMs)) };
}
