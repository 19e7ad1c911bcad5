import { createSocket } from 'node:dgram';
import { isIPv6 } from 'node:net';
import { randomInt } from 'node:crypto';
import dnsPacket from 'dns-packet';

/** Whether a DNS server answered a lookup, and a line saying what came back. */
export interface DnsAnswer {
  answered: boolean;
  detail: string;
}

export type DnsQuery = (server: string, name: string, timeoutMs: number) => Promise<DnsAnswer>;

const RCODE_NAMES: Record<number, string> = { 1: 'FORMERR', 2: 'SERVFAIL', 3: 'NXDOMAIN', 5: 'REFUSED' };

/**
 * One A query over UDP, straight to the server (no resolver, no `dig`). Only a resolved name
 * refutes an outage, as in imon: a SERVFAIL from a resolver that cannot reach upstream proves
 * nothing about the internet.
 */
export const queryDns: DnsQuery = (server, name, timeoutMs) =>
  new Promise((resolve) => {
    const id = randomInt(0, 65_536);
    const socket = createSocket(isIPv6(server) ? 'udp6' : 'udp4');
    const finish = (answer: DnsAnswer) => {
      clearTimeout(timer);
      socket.close();
      resolve(answer);
    };
    const timer = setTimeout(() => finish({ answered: false, detail: `no answer in ${timeoutMs} ms` }), timeoutMs);
    socket.on('error', (err: NodeJS.ErrnoException) => finish({ answered: false, detail: err.code ?? err.message }));
    socket.on('message', (msg) => {
      let packet;
      try {
        packet = dnsPacket.decode(msg);
      } catch {
        return;
      }
      if (packet.id !== id || packet.type !== 'response') return;
      const rcode = (packet.flags ?? 0) & 0xf;
      const addresses = (packet.answers ?? []).flatMap((a) => (a.type === 'A' || a.type === 'AAAA' ? [String(a.data)] : []));
      if (rcode === 0 && addresses.length > 0) finish({ answered: true, detail: addresses.join(',') });
      else finish({ answered: false, detail: rcode === 0 ? 'no records' : `rcode ${RCODE_NAMES[rcode] ?? rcode}` });
    });
    const query = dnsPacket.encode({ type: 'query', id, flags: dnsPacket.RECURSION_DESIRED, questions: [{ type: 'A', name }] });
    socket.send(query, 53, server, (err) => {
      if (err) finish({ answered: false, detail: (err as NodeJS.ErrnoException).code ?? err.message });
    });
  });
