import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

export interface Request {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * A loopback HTTP receiver for the notifiers (test/support/http-recorder.ts, plus the headers):
 * records each request and answers with the statuses given in turn (the last repeats; 'hang'
 * never answers). down() stops listening, so connections are refused as they are when the link
 * is gone; up() listens again on the same port.
 */
export class Endpoint {
  readonly received: Request[] = [];
  private turn = 0;

  private constructor(
    private readonly server: Server,
    private readonly port: number,
  ) {}

  static async start(answers: Array<number | 'hang'> = [200]): Promise<Endpoint> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const endpoint = new Endpoint(server, (server.address() as AddressInfo).port);
    server.on('request', (req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        endpoint.received.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body });
        const answer = answers[Math.min(endpoint.turn++, answers.length - 1)]!;
        if (answer !== 'hang') res.writeHead(answer).end();
      });
    });
    return endpoint;
  }

  /** A URL on this endpoint; `path` holds the secret part, as a webhook URL does. */
  url(path: string): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  bodies(): unknown[] {
    return this.received.map((r) => JSON.parse(r.body) as unknown);
  }

  down(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  up(): Promise<void> {
    return new Promise((resolve) => this.server.listen(this.port, '127.0.0.1', resolve));
  }

  close(): Promise<void> {
    return this.server.listening ? this.down() : Promise.resolve();
  }

  /** Waits, in real time, for `count` requests in all. */
  async waitFor(count: number, ms = 5_000): Promise<void> {
    const deadline = performance.now() + ms;
    while (this.received.length < count) {
      if (performance.now() > deadline) throw new Error(`expected ${count} requests, got ${this.received.length}`);
      await sleep(2);
    }
  }
}
