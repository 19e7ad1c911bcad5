import type { Socket } from 'raw-socket';
import { createLogger } from '../core/log.js';
import { errnoFromText } from '../core/probe/errno-text.js';
import { encodeLine, HELPER_PROTOCOL_VERSION, LineSplitter } from '../shared/helper-lines.js';
import type { HelperMessage, IpFamily } from '../shared/helper-protocol.js';
import { IcmpPinger } from './icmp.js';
import { openIcmpSocket } from './icmp-socket.js';
import { LineBatch } from '../shared/line-batch.js';
import { LinePump } from './line-pump.js';
import { LinkEchoer } from './link-echo.js';
import { RequestHandler, type RouteHandler } from './requests.js';
import type { RouteLink } from './routes.js';

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

/**
 * Only the command line names the failover links: whoever started the helper decides, never a
 * request. The route code (and zod with it) is loaded only when there are links to read, or a
 * route call to answer: a helper that only echoes never needs it (helper-lines.ts).
 */
async function readRouteLinks(argv: readonly string[]): Promise<{ ok: true; links: RouteLink[] } | { ok: false; message: string }> {
  if (argv.length === 0) return { ok: true, links: [] };
  const { parseRouteLinks } = await import('./routes.js');
  return parseRouteLinks(argv);
}

async function routeManager(links: readonly RouteLink[]): Promise<RouteHandler> {
  const [{ RouteManager }, { systemIp }] = await Promise.all([import('./routes.js'), import('./ip-command.js')]);
  return new RouteManager(links, systemIp());
}

async function main(): Promise<void> {
  // A parent that stops reading is a parent that has gone: nothing left to do.
  process.stdout.on('error', () => process.exit(0));

  const routeLinks = await readRouteLinks(process.argv.slice(2));
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
  const handler = new RequestHandler(echoer, (message) => replies.push(encodeLine(message)), () => routeManager(links));
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

await main();
