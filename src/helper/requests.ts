import type { z } from 'zod';
import { helperRequest, MAX_LINE_LENGTH, requestId, type HelperMessage, type HelperRequest } from '../shared/helper-protocol.js';
import type { EchoOutcome } from './icmp.js';
import type { RouteManager, RouteOutcome } from './routes.js';

export interface Echoer {
  echo(request: Extract<HelperRequest, { type: 'echo' }>): Promise<EchoOutcome>;
}

/**
 * Turns request lines into replies. Anything that is not a valid request gets an error reply
 * (with its id when one can be read) and does nothing else.
 */
export class RequestHandler {
  private readonly inFlight = new Set<number>();

  constructor(
    private readonly echoer: Echoer,
    private readonly write: (message: HelperMessage) => void,
    private readonly routes: Pick<RouteManager, 'handle'>,
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
    const parsed = helperRequest.safeParse(json);
    if (!parsed.success) {
      this.refuse(readableId(json), describe(parsed.error));
      return;
    }
    const request = parsed.data;
    if (this.inFlight.has(request.id)) {
      this.write({ type: 'reply', id: request.id, ok: false, error: { code: 'duplicate-id', message: `request ${request.id} is already in flight` } });
      return;
    }
    this.inFlight.add(request.id);
    const work: Promise<EchoOutcome | RouteOutcome> = request.type === 'echo' ? this.echoer.echo(request) : this.routes.handle(request);
    void work.then(
      (outcome) => this.answer(request.id, outcome),
      (err: unknown) => this.answer(request.id, { ok: false, error: { code: 'internal', message: err instanceof Error ? err.message : String(err) } }),
    );
  }

  refuseOverlong(start: string): void {
    this.refuse(null, `line longer than ${MAX_LINE_LENGTH} characters: ${JSON.stringify(start)}…`);
  }

  private answer(id: number, outcome: EchoOutcome | RouteOutcome): void {
    this.inFlight.delete(id);
    this.write(outcome.ok ? { type: 'reply', id, ok: true, value: outcome.value } : { type: 'reply', id, ok: false, error: outcome.error });
  }

  private refuse(id: number | null, message: string): void {
    this.write({ type: 'reply', id, ok: false, error: { code: 'bad-request', message: message.slice(0, 500) } });
  }
}

function readableId(json: unknown): number | null {
  if (typeof json !== 'object' || json === null || !('id' in json)) return null;
  const id = requestId.safeParse(json.id);
  return id.success ? id.data : null;
}

function describe(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : 'request'}: ${issue.message}`)
    .join('; ');
}
