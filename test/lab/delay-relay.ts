/**
 * Carries the lab's WAN (see wire.ts), run by Lab inside the wire namespace:
 *   node --import tsx test/lab/delay-relay.ts
 * Prints "ready" once both sockets are bound. Each stdin line "delay <ms>" sets the delay added to
 * packets going out to the internet and is echoed back once it applies. Exits when stdin closes,
 * so the WAN dies with the process that owns the lab, however that process ends.
 */
import { createSocket } from 'node:dgram';
import type { RemoteInfo, Socket } from 'node:dgram';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { WIRE } from './wire.js';

const MAX_DELAY_MS = 60_000;
let delayMs = 0;

function bound(address: string): Promise<Socket> {
  const socket = createSocket({ type: 'udp6' });
  return new Promise((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(WIRE.port, address, () => resolve(socket));
  });
}

const toRouter = await bound(WIRE.relayRouterSide);
const toInternet = await bound(WIRE.relayInternetSide);

/**
 * Outbound packets wait in one FIFO, like on a real link, so a change of delay never reorders
 * them. Due times come from performance.now() because a bare setTimeout may fire up to a
 * millisecond early against libuv's cached clock, and the delay is promised as a minimum.
 */
const outbound: { due: number; datagram: Buffer }[] = [];
let drainTimer: NodeJS.Timeout | undefined;

function drain(): void {
  drainTimer = undefined;
  const now = performance.now();
  for (let head = outbound[0]; head !== undefined && head.due <= now; head = outbound[0]) {
    outbound.shift();
    toInternet.send(head.datagram, WIRE.port, WIRE.internet);
  }
  const next = outbound[0];
  if (next !== undefined) drainTimer = setTimeout(drain, Math.max(1, Math.ceil(next.due - now)));
}

/** Only the VXLAN end on the far side of each socket may feed it: anything else is dropped. */
function accept(from: string, forward: (datagram: Buffer) => void) {
  return (datagram: Buffer, peer: RemoteInfo): void => {
    if (peer.address === from) forward(datagram);
  };
}

toRouter.on(
  'message',
  accept(WIRE.router, (datagram) => {
    if (delayMs === 0 && outbound.length === 0) {
      toInternet.send(datagram, WIRE.port, WIRE.internet);
      return;
    }
    outbound.push({ due: performance.now() + delayMs, datagram });
    drainTimer ??= setTimeout(drain, delayMs);
  }),
);
toInternet.on(
  'message',
  accept(WIRE.internet, (datagram) => toRouter.send(datagram, WIRE.port, WIRE.router)),
);
for (const socket of [toRouter, toInternet]) {
  socket.on('error', (error) => process.stderr.write(`delay-relay: ${error.message}\n`));
}

createInterface({ input: process.stdin })
  .on('line', (line) => {
    const match = /^delay (\d{1,5})$/.exec(line);
    const ms = Number(match?.[1]);
    if (!match || ms > MAX_DELAY_MS) {
      process.stderr.write(`delay-relay: ignoring "${line}"\n`);
      return;
    }
    delayMs = ms;
    process.stdout.write(`${line}\n`);
  })
  .on('close', () => process.exit(0));

process.stdout.write('ready\n');
