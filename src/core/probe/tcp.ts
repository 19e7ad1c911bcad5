import { createSocket } from 'node:dgram';
import { isIP, isIPv6, Socket } from 'node:net';
import { textOfErrno } from './errno-text.js';
import type { ProbeResult, Prober } from './prober.js';

/** Errors that can only be our side: the link, the firewall, the source address. */
const LOCAL_CODES = new Set(['ENETDOWN', 'EACCES', 'EPERM', 'EADDRNOTAVAIL', 'EAFNOSUPPORT', 'ENOBUFS', 'EINVAL']);
/** Errors a routing table of ours gives, and an ICMP error from a router gives too: only a route check tells which. */
const ROUTE_CODES = new Set(['ENETUNREACH', 'EHOSTUNREACH']);
const ROUTE_DETAIL: Record<string, string> = { ENETUNREACH: 'net unreachable', EHOSTUNREACH: 'host unreachable' };

/**
 * Probes with a TCP connect to one port, for when no ICMP is possible (or wanted). Any answer
 * from the host is success: an accepted connection, or a refusal (RST), since either proves the
 * path works. Needs no privilege.
 */
export class TcpProber implements Prober {
  readonly kind = 'tcp' as const;
  private readonly sockets = new Set<Socket>();

  constructor(readonly port: number) {
    if (!Number.isInteger(port) || port < 1 || port > 65_535) throw new RangeError(`TCP port must be 1..65535, got ${port}`);
  }

  probe(address: string, timeoutMs: number): Promise<ProbeResult> {
    if (isIP(address.split('%')[0] ?? '') === 0) return Promise.resolve({ ok: false, reason: 'error', detail: `not an IP address: ${address}` });
    return new Promise((resolve) => {
      const socket = new Socket();
      this.sockets.add(socket);
      const started = process.hrtime.bigint();
      const finish = (result: ProbeResult | Promise<ProbeResult>) => {
        clearTimeout(timer);
        socket.destroy();
        this.sockets.delete(socket);
        resolve(result);
      };
      const answered = () => finish({ ok: true, rttMs: Math.round(Number(process.hrtime.bigint() - started) / 1e3) / 1e3, from: address });
      const timer = setTimeout(() => finish({ ok: false, reason: 'timeout' }), timeoutMs);
      socket.once('connect', answered);
      socket.once('error', (err: NodeJS.ErrnoException) => {
        const code = err.code ?? '';
        if (code === 'ECONNREFUSED') answered();
        else if (code === 'ETIMEDOUT') finish({ ok: false, reason: 'timeout' });
        else if (LOCAL_CODES.has(code)) finish({ ok: false, reason: 'local', code, detail: textOfErrno(code) });
        else if (ROUTE_CODES.has(code)) finish(classifyRouteError(address, this.port, code));
        else finish({ ok: false, reason: 'error', detail: err.message });
      });
      socket.once('close', () => finish({ ok: false, reason: 'error', detail: 'connection closed before it was made' }));
      socket.connect({ host: address, port: this.port });
    });
  }

  close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    return Promise.resolve();
  }
}

/**
 * ENETUNREACH/EHOSTUNREACH come both from our own routing table and from a router's ICMP error
 * during the handshake. Connecting a UDP socket asks the routing table alone (it sends nothing):
 * if that fails too, the fault is ours. Otherwise a router, or a neighbour that did not answer
 * ARP/ND, said so; which one TCP does not tell, so `from` stays empty.
 */
function classifyRouteError(address: string, port: number, code: string): Promise<ProbeResult> {
  return new Promise((resolve) => {
    const udp = createSocket(isIPv6(address.split('%')[0] ?? '') ? 'udp6' : 'udp4');
    let closed = false;
    const done = (result: ProbeResult) => {
      if (closed) return;
      closed = true;
      udp.close();
      resolve(result);
    };
    const ours = (err: NodeJS.ErrnoException) => done({ ok: false, reason: 'local', code: err.code ?? code, detail: textOfErrno(err.code ?? code) });
    udp.on('error', ours);
    // Node hands a connect failure to the callback (its typings omit the argument).
    const connected = (err?: NodeJS.ErrnoException) => {
      if (err) ours(err);
      else done({ ok: false, reason: 'unreachable', from: '', detail: `${ROUTE_DETAIL[code] ?? code} (TCP ${code})` });
    };
    udp.connect(port, address, connected);
  });
}
