/**
 * The lab's "what is my IP" provider, run inside the internet namespace by LabIpProvider:
 *   node --import tsx test/lab/ip-provider.ts --listen 203.0.113.11:80 --mode echo
 * Prints "listening <address>:<port>" once bound. Each line on stdin is a new mode (see
 * ip-provider-server.ts), acknowledged with "mode <line>" once it applies to the next request.
 */
import { isIPv4 } from 'node:net';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { parseMode, startIpProvider } from './ip-provider-server.js';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { listen: { type: 'string' }, mode: { type: 'string' } }, strict: true });
  const match = /^(\d+\.\d+\.\d+\.\d+):(\d{1,5})$/.exec(values.listen ?? '');
  const address = match?.[1] ?? '';
  const port = Number(match?.[2]);
  if (!isIPv4(address) || port < 1 || port > 65_535 || values.mode === undefined) throw new Error('usage: ip-provider.ts --listen ADDRESS:PORT --mode MODE');
  const provider = await startIpProvider(address, port, parseMode(values.mode));
  process.stdout.write(`listening ${address}:${port}\n`);
  createInterface({ input: process.stdin }).on('line', (line) => {
    try {
      provider.setMode(parseMode(line));
      process.stdout.write(`mode ${line}\n`);
    } catch (error) {
      process.stderr.write(`ip-provider: ${error instanceof Error ? error.message : String(error)}\n`);
    }
  });
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => void provider.close().then(() => process.exit(0)));
}

main().catch((error: unknown) => {
  process.stderr.write(`ip-provider: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(2);
});
