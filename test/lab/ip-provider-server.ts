import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A "what is my IP" provider for tests, honest or not:
 * - `echo`: the address the request came from, as a real provider answers;
 * - `answer TEXT`: TEXT and a newline (a new address, garbage, an address of the other family);
 * - `status N`: HTTP status N with a short body;
 * - `html`: an HTML error page with status 200, as captive portals and broken proxies send;
 * - `hang`: takes the request and never answers;
 * - `huge`: a body that never ends, sent as fast as the client takes it;
 * - `huge-declared`: a 10 MB Content-Length, and that much.
 */
export type ProviderMode =
  | { kind: 'echo' }
  | { kind: 'answer'; text: string }
  | { kind: 'status'; code: number }
  | { kind: 'html' }
  | { kind: 'hang' }
  | { kind: 'huge' }
  | { kind: 'huge-declared' };

export interface IpProvider {
  readonly url: string;
  /** Requests received so far. */
  readonly requests: number;
  /** Connections still open (a hung request's, until the client gives up). */
  readonly openConnections: number;
  setMode(mode: ProviderMode): void;
  close(): Promise<void>;
}

const HTML_PAGE = '<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>\n';
const CHUNK = Buffer.alloc(64 * 1024, 'x');
const DECLARED_BYTES = 160 * CHUNK.length;

/** `echo`, `answer TEXT`, `status N`, `html`, `hang`, `huge` or `huge-declared`, as one line. */
export function parseMode(line: string): ProviderMode {
  const [word = '', ...rest] = line.trim().split(/\s+/);
  const arg = rest.join(' ');
  if (word === 'answer' && arg !== '') return { kind: 'answer', text: arg };
  if (word === 'status' && /^[1-5]\d\d$/.test(arg)) return { kind: 'status', code: Number(arg) };
  if ((word === 'echo' || word === 'html' || word === 'hang' || word === 'huge' || word === 'huge-declared') && arg === '') return { kind: word };
  throw new Error(`not a provider mode: "${line}"`);
}

/** Listens on `host:port` (port 0: any free port) and answers in the current mode. */
export async function startIpProvider(host: string, port: number, initial: ProviderMode): Promise<IpProvider> {
  let mode = initial;
  let requests = 0;
  const server: Server = createServer((request, response) => {
    requests += 1;
    // Drained so that the request's end never waits on us; providers ignore what is sent.
    request.resume();
    respond(mode, request.socket.remoteAddress ?? '', response);
  });
  let open = 0;
  server.on('connection', (socket) => {
    open += 1;
    socket.once('close', () => (open -= 1));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const bound = server.address() as AddressInfo;
  const urlHost = bound.family === 'IPv6' ? `[${bound.address}]` : bound.address;
  return {
    url: `http://${urlHost}:${bound.port}/`,
    get requests() {
      return requests;
    },
    get openConnections() {
      return open;
    },
    setMode: (next) => void (mode = next),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function respond(mode: ProviderMode, peer: string, response: ServerResponse): void {
  switch (mode.kind) {
    case 'echo':
      return void response.end(`${peer}\n`);
    case 'answer':
      return void response.end(`${mode.text}\n`);
    case 'status':
      response.statusCode = mode.code;
      return void response.end('provider error\n');
    case 'html':
      response.setHeader('content-type', 'text/html');
      return void response.end(HTML_PAGE);
    case 'hang':
      return;
    case 'huge-declared':
      response.setHeader('content-length', String(DECLARED_BYTES));
      return pour(response, DECLARED_BYTES / CHUNK.length);
    case 'huge':
      return pour(response, Infinity);
  }
}

/** Writes `chunks` chunks or until the client goes away, waiting whenever the socket is full. */
function pour(response: ServerResponse, chunks: number): void {
  let left = chunks;
  const more = (): void => {
    while (!response.destroyed && left > 0) {
      left -= 1;
      if (!response.write(CHUNK)) return void response.once('drain', more);
    }
    if (left === 0) response.end();
  };
  more();
}
