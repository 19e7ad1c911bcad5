import type { z } from 'zod';
import { describeQueryIssue } from '../../shared/api-contract.js';
import { TOKEN_PARAMETER } from './request-guard.js';

/** A request as its call's schema parsed it, or the one line that says what is wrong with it. */
export type Input<T> = { ok: true; value: T } | { ok: false; message: string };

/** A settings file is a few KB; this leaves it room to grow and a stranger no room to fill memory. */
const MAX_BODY_BYTES = 256 * 1024;

/**
 * The query as one value per name; an empty form field counts as not given, and a name given
 * twice is refused. The access token is the guard's, not the call's.
 */
export function queryInput<S extends z.ZodType>(url: string, schema: S): Input<z.output<S>> {
  const record: Record<string, string> = {};
  const seen = new Set<string>();
  for (const [name, value] of new URL(url).searchParams) {
    if (name === TOKEN_PARAMETER) continue;
    if (seen.has(name)) return { ok: false, message: `give "${name}" once` };
    seen.add(name);
    if (value !== '') record[name] = value;
  }
  return parsed(schema, record);
}

/** A JSON body of at most MAX_BODY_BYTES, sent as JSON. */
export async function bodyInput<S extends z.ZodType>(request: Request, schema: S): Promise<Input<z.output<S>>> {
  const type = request.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') return { ok: false, message: 'the body must be JSON, sent with Content-Type: application/json' };
  let text: string | null;
  try {
    text = await bodyText(request);
  } catch {
    return { ok: false, message: 'the body was cut off before its end' };
  }
  if (text === null) return { ok: false, message: `the body is larger than ${MAX_BODY_BYTES / 1024} KB` };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, message: 'the body is not valid JSON' };
  }
  return parsed(schema, json);
}

function parsed<S extends z.ZodType>(schema: S, input: unknown): Input<z.output<S>> {
  const result = schema.safeParse(input);
  return result.success ? { ok: true, value: result.data } : { ok: false, message: describeQueryIssue(result.error) };
}

/** The body as text, or null past the limit: read no further than that, whatever Content-Length claims. */
async function bodyText(request: Request): Promise<string | null> {
  if (Number(request.headers.get('content-length') ?? 0) > MAX_BODY_BYTES) return null;
  if (request.body === null) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = (request.body as ReadableStream<Uint8Array>).getReader();
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
    size += chunk.value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel();
      return null;
    }
    chunks.push(chunk.value);
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}
