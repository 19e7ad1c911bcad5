/**
 * A one-shot A lookup for lab tests, run inside a namespace (Node cannot enter one itself):
 *   node --import tsx test/lab/dns-lookup.ts --server 203.0.113.53 --name example.test [--garbage]
 * Prints one JSON line: { answered, rcode, addresses }. --garbage first sends datagrams a server
 * must ignore, from the same socket, to show it keeps answering afterwards.
 */
import { randomBytes, randomInt } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { parseArgs } from 'node:util';
import dnsPacket from 'dns-packet';

export interface LookupResult {
  answered: boolean;
  rcode: number | null;
  addresses: string[];
}

function garbage(name: string): Buffer[] {
  const response = dnsPacket.encode({ type: 'response', id: 1, questions: [{ type: 'A', name }] });
  const noQuestion = dnsPacket.encode({ type: 'query', id: 2, questions: [] });
  const truncated = dnsPacket.encode({ type: 'query', id: 3, questions: [{ type: 'A', name }] }).subarray(0, 15);
  return [Buffer.alloc(0), randomBytes(7), randomBytes(300), Buffer.alloc(2000, 0xff), response, noQuestion, truncated];
}

function main(): void {
  const { values } = parseArgs({
    options: { server: { type: 'string' }, name: { type: 'string' }, garbage: { type: 'boolean' }, timeout: { type: 'string' } },
    strict: true,
  });
  const { server, name } = values;
  if (server === undefined || name === undefined) throw new Error('usage: dns-lookup.ts --server ADDRESS --name NAME [--garbage]');
  const timeoutMs = Number(values.timeout ?? '2000');
  const id = randomInt(0, 65_536);
  const socket = createSocket('udp4');
  const finish = (result: LookupResult): void => {
    process.stdout.write(`${JSON.stringify(result)}\n`);
    socket.close();
  };
  const timer = setTimeout(() => finish({ answered: false, rcode: null, addresses: [] }), timeoutMs);
  socket.on('message', (message) => {
    let packet: dnsPacket.DecodedPacket;
    try {
      packet = dnsPacket.decode(message);
    } catch {
      return;
    }
    if (packet.id !== id || packet.type !== 'response') return;
    clearTimeout(timer);
    const addresses = (packet.answers ?? []).flatMap((a) => (a.type === 'A' ? [a.data] : []));
    finish({ answered: true, rcode: (packet.flags ?? 0) & 0xf, addresses });
  });
  const send = (datagram: Buffer): Promise<void> =>
    new Promise((resolve, reject) => socket.send(datagram, 53, server, (error) => (error ? reject(error) : resolve())));
  const query = dnsPacket.encode({ type: 'query', id, flags: dnsPacket.RECURSION_DESIRED, questions: [{ type: 'A', name }] });
  void (async () => {
    for (const datagram of values.garbage ? garbage(name) : []) await send(datagram);
    await send(query);
  })().catch((error: unknown) => {
    clearTimeout(timer);
    process.stderr.write(`dns-lookup: ${error instanceof Error ? error.message : String(error)}\n`);
    finish({ answered: false, rcode: null, addresses: [] });
  });
}

main();
