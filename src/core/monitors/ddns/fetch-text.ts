import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';

export interface FetchTextOptions {
  /** Connect over this IP version only: the provider answers with the address it sees us from. */
  family: 4 | 6;
  /** Aborting it ends the request at once, whatever state it is in. */
  signal: AbortSignal;
  /** A longer body is cut off and refused, so a provider sending megabytes costs us nothing. */
  maxBytes: number;
}

/** The body of a 2xx answer as text; rejects with an Error saying why there is none. */
export type FetchText = (url: string, options: FetchTextOptions) => Promise<string>;

/**
 * One GET with Node's http/https, not fetch: Node 20's fetch can only be told the IP version
 * through an undici dispatcher, a dependency, while http.request takes `family` itself. A fresh
 * connection each time (`agent: false`): the answer must reflect the route in use now, and with
 * minutes between asks a kept-alive socket would only be a stale one. Redirects are not followed;
 * a plain-text provider has no reason to send one.
 */
export const httpFetchText: FetchText = (url, { family, signal, maxBytes }) =>
  new Promise((resolve, reject) => {
    const target = new URL(url);
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    let settled = false;
    const settle = (error: Error | null, body = ''): void => {
      if (settled) return;
      settled = true;
      if (error === null) resolve(body);
      else {
        request.destroy();
        reject(error);
      }
    };
    const request = send(target, { family, signal, agent: false, headers: { accept: 'text/plain', 'user-agent': 'nom' } }, (response) => {
      const status = response.statusCode ?? 0;
      if (status < 200 || status > 299) return settle(new Error(`HTTP ${status}${response.statusMessage ? ` ${response.statusMessage}` : ''}`));
      if (Number(response.headers['content-length']) > maxBytes) return settle(tooLong(maxBytes));
      readBody(response, maxBytes, settle);
    });
    request.on('error', (error) => settle(error));
    request.end();
  });

function readBody(response: IncomingMessage, maxBytes: number, settle: (error: Error | null, body?: string) => void): void {
  const chunks: Buffer[] = [];
  let size = 0;
  response.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > maxBytes) settle(tooLong(maxBytes));
    else chunks.push(chunk);
  });
  response.on('end', () => settle(null, Buffer.concat(chunks).toString('utf8')));
  response.on('error', (error) => settle(error));
  response.on('close', () => settle(new Error('the connection closed before the answer was complete')));
}

function tooLong(maxBytes: number): Error {
  return new Error(`answer longer than ${maxBytes} bytes`);
}
