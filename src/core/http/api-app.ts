import { Hono, type MiddlewareHandler } from 'hono';
import type { ApiHandlers } from '../../shared/api-contract.js';
import type { Logger } from '../log.js';
import { failureAnswer, refuse, wrongMethod } from './api-answer.js';
import { apiRoutes } from './api-routes.js';
import type { EventStreams } from './event-stream.js';
import type { ReportDownloadDeps } from './report-download.js';
import { tokenGuard } from './request-guard.js';
import { staticUi } from './static-ui.js';

export interface ApiAppDeps extends ReportDownloadDeps {
  handlers: ApiHandlers;
  events: EventStreams;
  uiDir: string;
  /** null: no token is needed (loopback). */
  token: string | null;
  log: Logger;
  /** Whether a request's Host header names this server (see hostPolicy). */
  acceptsHost: (header: string | undefined) => boolean;
}

/**
 * The dashboard loads its script, its styles and its data from this server, and nothing
 * else from anywhere; the policy makes a browser hold it to that.
 */
const SECURITY_HEADERS = {
  'Content-Security-Policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

/** The daemon's HTTP face: the API derived from apiCalls under /api/, and the dashboard's files everywhere else. */
export function apiApp(deps: ApiAppDeps): Hono {
  const app = new Hono();
  const ui = staticUi(deps.uiDir);
  app.use('*', ownHostOnly(deps.acceptsHost));
  app.use('/api/*', async (c, next) => {
    // What the API answers is the user's own and changes as it runs: no cache keeps it.
    c.header('Cache-Control', 'no-store');
    await next();
  });
  if (deps.token !== null) app.use('/api/*', tokenGuard(deps.token));
  apiRoutes(app, deps);
  app.all('/api/*', (c) => refuse(c, 'not-found', `no such path: ${c.req.path}`));
  app.get('*', (c) => ui.answer(c));
  app.all('*', (c) => (ui.has(new URL(c.req.url).pathname) ? wrongMethod('GET', 'GET, HEAD')(c) : refuse(c, 'not-found', `no such path: ${c.req.path}`)));
  app.onError((err, c) => failureAnswer(err, c, deps.log));
  return app;
}

/** The security headers on every answer, and 421 for a name that is not this server's (see hostPolicy). */
function ownHostOnly(acceptsHost: ApiAppDeps['acceptsHost']): MiddlewareHandler {
  return async (c, next) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) c.header(name, value);
    if (!acceptsHost(c.req.header('host'))) return refuse(c, 'forbidden', 'this server answers only to its own names and addresses', { status: 421 });
    await next();
  };
}
