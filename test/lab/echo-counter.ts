import { nft } from './commands.js';
import type { Lab, LabHost } from './lab.js';

/**
 * Counts the ICMP echo requests a lab host sends, in total and per destination, with an
 * nftables rule in the host's output hook (locally generated packets only, loopback included).
 * It counts whatever sends them (raw or ping sockets, any process), so a measurement that must
 * tell two senders apart runs them one after the other.
 */
export interface EchoCounts {
  total: number;
  byAddress: Map<string, number>;
}

const TABLE = 'nomechocount';

export class EchoCounter {
  private constructor(
    private readonly lab: Lab,
    private readonly host: LabHost,
  ) {}

  /** Installs the counter in `host`'s namespace; it goes with the namespace when the lab is destroyed. */
  static async install(lab: Lab, host: LabHost = 'client'): Promise<EchoCounter> {
    await nft(lab.ns[host], `
table inet ${TABLE} {
  set sent { type ipv4_addr; size 65535; flags dynamic; counter; }
  chain out {
    type filter hook output priority filter; policy accept;
    icmp type echo-request counter update @sent { ip daddr }
  }
}
`);
    return new EchoCounter(lab, host);
  }

  /** The counts so far, since the counter was installed. Subtract two readings for a window. */
  async read(): Promise<EchoCounts> {
    const result = await this.lab.exec(this.host, 'nft', ['-j', 'list', 'table', 'inet', TABLE], { timeoutMs: 10_000 });
    if (result.code !== 0) throw new Error(`nft list failed: ${result.stderr.trim()}`);
    return parseCounts(result.stdout);
  }
}

export function countsBetween(from: EchoCounts, to: EchoCounts): EchoCounts {
  const byAddress = new Map<string, number>();
  for (const [address, n] of to.byAddress) byAddress.set(address, n - (from.byAddress.get(address) ?? 0));
  return { total: to.total - from.total, byAddress };
}

interface NftCounter {
  packets: number;
}

interface NftJson {
  nftables: Array<{
    set?: { name: string; elem?: Array<{ elem: { val: string; counter?: NftCounter } }> };
    rule?: { chain: string; expr: Array<{ counter?: NftCounter }> };
  }>;
}

function parseCounts(json: string): EchoCounts {
  const parsed = JSON.parse(json) as NftJson;
  const byAddress = new Map<string, number>();
  let total: number | undefined;
  for (const item of parsed.nftables) {
    if (item.set?.name === 'sent') {
      for (const { elem } of item.set.elem ?? []) byAddress.set(elem.val, elem.counter?.packets ?? 0);
    }
    if (item.rule?.chain === 'out') total = item.rule.expr.find((e) => e.counter)?.counter?.packets;
  }
  if (total === undefined) throw new Error('no echo counter in the nft listing');
  return { total, byAddress };
}
