import { isIPv4 } from 'node:net';
import raw, { type Socket } from 'raw-socket';
import { errnoFromText } from '../core/probe/errno-text.js';
import { MAX_ECHO_TIMEOUT_MS } from '../shared/helper-lines.js';
import type { EchoRequest } from '../shared/helper-protocol.js';
import { IcmpPinger, type EchoOutcome } from './icmp.js';
import { openIcmpSocket } from './icmp-socket.js';
import type { Echoer } from './requests.js';
import type { RouteLink } from './routes.js';

/** Linux's SO_BINDTODEVICE (asm-generic/socket.h); raw-socket does not name it. */
const SO_BINDTODEVICE = 25;
/** A bound socket whose interface went away (a USB modem unplugged) is rebound on the next echo. */
const GONE = new Set(['ENODEV', 'ENXIO']);

/**
 * Echoes with an `interface` leave through that failover link, whatever the default route says:
 * each link gets its own IPv4 raw socket bound to its interface, opened on first use (the
 * interface may not exist yet when the helper starts). routes.ts explains the routing that lets
 * such echoes reach beyond the link's gateway. Echoes without an interface go to `main`.
 */
export class LinkEchoer implements Echoer {
  private readonly pingers = new Map<string, IcmpPinger>();

  constructor(
    private readonly main: Echoer,
    private readonly links: readonly RouteLink[],
  ) {}

  async echo(request: EchoRequest): Promise<EchoOutcome> {
    const name = request.interface;
    if (name === undefined) return this.main.echo(request);
    if (!this.links.some((l) => l.interface === name)) {
      return { ok: false, error: { code: 'forbidden', message: `${name} is not a failover link of this helper` } };
    }
    if (!isIPv4(request.address)) return { ok: false, error: { code: 'unsupported-family', message: 'echoes through a link are IPv4 only' } };
    const pinger = this.pingerFor(name);
    if (!pinger.ok) return { ok: true, value: { status: 'local', code: pinger.code, detail: pinger.detail } };
    const outcome = await pinger.pinger.echo(request);
    if (outcome.ok && outcome.value.status === 'local' && GONE.has(outcome.value.code)) this.retire(name, pinger.pinger);
    return outcome;
  }

  close(): void {
    for (const pinger of this.pingers.values()) pinger.close();
    this.pingers.clear();
  }

  private pingerFor(name: string): { ok: true; pinger: IcmpPinger } | { ok: false; code: string; detail: string } {
    const known = this.pingers.get(name);
    if (known) return { ok: true, pinger: known };
    const opened = openLinkSocket(name);
    if (!opened.ok) return opened;
    // A failed link socket costs only its own echoes: it is replaced, the helper carries on.
    const pinger: IcmpPinger = new IcmpPinger(new Map([['ipv4', opened.socket]]), () => this.retire(name, pinger));
    this.pingers.set(name, pinger);
    return { ok: true, pinger };
  }

  /**
   * The next echo opens a new socket; this one is closed once every echo still on it has timed
   * out, since closing a pinger drops its pending echoes unanswered.
   */
  private retire(name: string, pinger: IcmpPinger): void {
    if (this.pingers.get(name) !== pinger) return;
    this.pingers.delete(name);
    setTimeout(() => pinger.close(), MAX_ECHO_TIMEOUT_MS).unref();
  }
}

function openLinkSocket(name: string): { ok: true; socket: Socket } | { ok: false; code: string; detail: string } {
  const opened = openIcmpSocket('ipv4');
  if (!opened.ok) return { ok: false, code: errnoFromText(opened.message) ?? 'EUNKNOWN', detail: opened.message };
  const value = Buffer.from(`${name}\0`);
  try {
    opened.socket.setOption(raw.SocketLevel.SOL_SOCKET, SO_BINDTODEVICE, value, value.length);
  } catch (err) {
    opened.socket.close();
    const detail = `${name}: ${err instanceof Error ? err.message : String(err)}`;
    return { ok: false, code: errnoFromText(detail) ?? 'EUNKNOWN', detail };
  }
  return { ok: true, socket: opened.socket };
}
