import type { Socket } from 'raw-socket';
import { createLogger } from '../core/log.js';
import { errnoFromText } from '../core/probe/errno-text.js';
import {
  encodeLine,
  HELPER_PROTOCOL_VERSION,
  LineSplitter,
  type HelperMessage,
  type IpFamily,
} from '../shared/helper-protocol.js';
import { IcmpPinger } from './icmp.js';
import { openIcmpSocket } from './icmp-socket.js';
import { systemIp } from './ip-command.js';
import { LineBatch } from './line-batch.js';
import { LinePump } from './line-pump.js';
import { LinkEchoer } from './link-echo.js';
import { RequestHandler } from './requests.js';
import { parseRouteLinks, RouteManager } from './routes.js';

/**
 * The privileged helper: owns the raw sockets, answers JSON-line requests on stdin with one
 * reply line each on stdout, logs on stderr, and exits when stdin closes (the app has gone).
 */
const log = createLogger('nom-helper');

function write(message: HelperMessage): void {
  process.stdout.write(encodeLine(message));
}

function openSockets(): { sockets: Map<IpFamily, Socket>; refusals: Array<{ family: IpFamily; message: string }> } {
  const sockets = new Map<IpFamily, Socket>();
  const refusals: Array<{ family: IpFamily; message: string }> = [];
  for (const family of ['ipv4', 'ipv6'] as const) {
    const opened = openIcmpSocket(family);
    if (opened.ok) sockets.set(family, opened.socket);
    else refusals.push({ family, message: opened.message });
  }
  return { sockets, refusals };
}

function main(): void {
  // A parent that stops reading is a parent that has gone: nothing left to do.
  process.stdout.on('error', () => process.exit(0));

  // Only the command line names the failover links: whoever started the helper decides, never a request.
  const routeLinks = parseRouteLinks(process.argv.slice(2));
  if (!routeLinks.ok) {
    write({ type: 'failed', error: { code: 'EINVAL', message: routeLinks.message } });
    process.exitCode = 2;
    return;
  }
  const links = routeLinks.links;

  const { sockets, refusals } = openSockets();
  const first = refusals[0];
  if (sockets.size === 0 && first) {
    // The parent logs this; saying it here as well would only repeat it.
    write({ type: 'failed', error: { code: errnoFromText(first.message) ?? 'EUNKNOWN', message: `raw ICMP socket: ${first.message}` } });
    process.exitCode = 1;
    return;
  }
  // Half working (IPv6 disabled, say) is worth a word: `ready` lists only what works.
  for (const { family, message } of refusals) log.warn('cannot open a raw ICMP socket', { family, error: message });

  const replies = new LineBatch((text) => process.stdout.write(text));
  const pinger = new IcmpPinger(sockets, (family, error) => {
    // The socket is closed behind us; the parent restarts a helper that exits, and re-sends what was in flight.
    log.error('raw socket failed', { family, error: error.message });
    replies.flush();
    process.exit(1);
  });
  const echoer = new LinkEchoer(pinger, links);
  const handler = new RequestHandler(echoer, (message) => replies.push(encodeLine(message)), new RouteManager(links, systemIp()));
  const pump = new LinePump((line) => handler.handleLine(line), process.stdin);
  const splitter = new LineSplitter(
    (line) => pump.push(line),
    (start) => handler.refuseOverlong(start),
  );

  process.stdin.setEncoding('utf8');
  process.stdin.on('data', (chunk: string) => splitter.push(chunk));
  process.stdin.on('end', () => {
    pinger.close();
    echoer.close();
    // Nothing should remain to keep the process alive; this only guards against a handle we do not know of.
    setTimeout(() => process.exit(0), 1000).unref();
  });

  write({ type: 'ready', protocol: HELPER_PROTOCOL_VERSION, families: pinger.openFamilies, ...(links.length > 0 ? { routeLinks: links } : {}) });
}

main();
