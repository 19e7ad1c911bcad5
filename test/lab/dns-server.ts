/**
 * The lab's authoritative DNS server, run inside the internet namespace by Lab.startDns:
 *   node --import tsx test/lab/dns-server.ts --listen 203.0.113.53:53 --answers '{"example.test":"203.0.113.10"}'
 * Prints "listening <address>:<port>" once bound, so the lab knows when queries can be sent.
 */
import { createSocket } from 'node:dgram';
import { isIPv4 } from 'node:net';
import { parseArgs } from 'node:util';
import { answerQuery, validateAnswers } from './dns-answer.js';

function parseListen(value: string): { address: string; port: number } {
  const match = /^(\d+\.\d+\.\d+\.\d+):(\d{1,5})$/.exec(value);
  const port = Number(match?.[2]);
  if (!match?.[1] || !isIPv4(match[1]) || port < 1 || port > 65_535) throw new Error(`--listen wants ADDRESS:PORT, got "${value}"`);
  return { address: match[1], port };
}

function main(): void {
  const { values } = parseArgs({ options: { listen: { type: 'string' }, answers: { type: 'string' } }, strict: true });
  if (values.listen === undefined || values.answers === undefined) throw new Error('usage: dns-server.ts --listen ADDRESS:PORT --answers JSON');
  const { address, port } = parseListen(values.listen);
  const answers = validateAnswers(JSON.parse(values.answers));

  const socket = createSocket('udp4');
  socket.on('message', (datagram, peer) => {
    const reply = answerQuery(datagram, answers);
    if (reply !== null) socket.send(reply, peer.port, peer.address);
  });
  socket.on('error', (error) => {
    process.stderr.write(`dns-server: ${error.message}\n`);
    process.exit(1);
  });
  socket.bind(port, address, () => process.stdout.write(`listening ${address}:${port}\n`));
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => socket.close(() => process.exit(0)));
}

try {
  main();
} catch (error) {
  process.stderr.write(`dns-server: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(2);
}
