import type { z } from 'zod';
import { MAX_LINE_LENGTH } from '../shared/helper-lines.js';
import type * as Protocol from '../shared/helper-protocol.js';
import type { EchoRequest, HelperMessage, HelperRequest } from '../shared/helper-protocol.js';
import { readEchoRequest } from '../shared/helper-quick-read.js';
import type { EchoOutcome } from './icmp.js';
import type { RouteManager, RouteOutcome } from './routes.js';

export interface Echoer {
  echo(request: EchoRequest): Promise<EchoOutcome>;
}

export type RouteHandler = Pick<RouteManager, 'handle'>;

/**
 * Turns request lines into replies. Anything that is not a valid request gets an error reply
 * (with its id when one can be read) and does nothing else.
 *
 * Echo requests the quick reader vouches for (helper-quick-read.ts) start at once; any other line
 * waits for the schemas, and a route call for the route manager, each loaded by the first line
 * that needs it (helper-lines.ts says why). So replies may come in another order than their
 * requests, which the protocol allows: they are matched by id.
 */
export class RequestHandler {
  private readonly inFlight = new Set<number>();
  private protocol: Promise<typeof Protocol> | null = null;
  private routes: Promise<RouteHandler> | null = null;

  constructor(
    private readonly echoer: Echoer,
    private readonly write: (message: HelperMessage) => void,
    private readonly loadRoutes: () => Promise<RouteHandler>,
  ) {}

  handleLine(line: string): void {
    if (line.trim() === '') return;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      this.refuse(null, 'not JSON');
      return;
    }
    const echo = readEchoRequest(json);
    if (echo) this.start(echo);
    else void (this.protocol ??= import('../shared/helper-protocol.js')).then((protocol) => this.validate(protocol, json));
  }

  refuseOverlong(start: string): void {
    this.refuse(null, `line longer than ${MAX_LINE_LENGTH} characters: ${JSON.stringify(start)}…`);
  }

  private validate(protocol: typeof Protocol, json: unknown): void {
    const parsed = protocol.helperRequest.safeParse(json);
    if (parsed.success) this.start(parsed.data);
    else this.refuse(readableId(protocol, json), describe(parsed.error));
  }

  private start(request: HelperRequest): void {
    if (this.inFlight.has(request.id)) {
      this.write({ type: 'reply', id: request.id, ok: false, error: { code: 'duplicate-id', message: `request ${request.id} is already in flight` } });
      return;
    }
    this.inFlight.add(request.id);
    const work: Promise<EchoOutcome | RouteOutcome> =
      request.type === 'echo' ? this.echoer.echo(request) : (this.routes ??= this.loadRoutes()).then((routes) => routes.handle(request));
    void work.then(
      (outcome) => this.answer(request.id, outcome),
      (err: unknown) => this.answer(request.id, { ok: false, error: { code: 'internal', message: err instanceof Error ? err.message : String(err) } }),
    );
  }

  private answer(id: number, outcome: EchoOutcome | RouteOutcome): void {
    this.inFlight.delete(id);
    this.write(outcome.ok ? { type: 'reply', id, ok: true, value: outcome.value } : { type: 'reply', id, ok: false, error: outcome.error });
  }

  private refuse(id: number | null, message: string): void {
    this.write({ type: 'reply', id, ok: false, error: { code: 'bad-request', message: message.slice(0, 500) } });
  }
}

function readableId(protocol: typeof Protocol, json: unknown): number | null {
  if (typeof json !== 'object' || json === null || !('id' in json)) return null;
  const id = protocol.requestId.safeParse(json.id);
  return id.success ? id.data : null;
}

function describe(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : 'request'}: ${issue.message}`)
    .join('; ');
}
