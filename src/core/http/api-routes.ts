import type { Context, Hono } from 'hono';
import { apiCalls, apiPath, type ApiCallName, type ApiHandlers, type ApiValueCall } from '../../shared/api-contract.js';
import { answer, refuse, wrongMethod } from './api-answer.js';
import type { EventStreams } from './event-stream.js';
import { reportDownload, type ReportDownloadDeps } from './report-download.js';
import { foreignOrigin } from './request-guard.js';
import { bodyInput, queryInput, type Input } from './request-input.js';

export interface ApiRoutesDeps extends ReportDownloadDeps {
  handlers: ApiHandlers;
  events: EventStreams;
}

type Route = (c: Context) => Response | Promise<Response>;
/** The calls of one kind; a new download or stream in the contract fails to compile until it has its route. */
type CallOf<Kind> = { [K in ApiCallName]: (typeof apiCalls)[K]['kind'] extends Kind ? K : never }[ApiCallName];

/**
 * One route per call of `apiCalls`, by its kind: `read` is GET (and HEAD) with the query,
 * `write` is POST with a JSON body from this server's own pages, `download` and `stream` have
 * their own answers. Any other method on a call's path is 405.
 */
export function apiRoutes(app: Hono, deps: ApiRoutesDeps): void {
  const downloads: Record<CallOf<'download'>, Route> = { report: reportDownload(deps) };
  const streams: Record<CallOf<'stream'>, Route> = { events: (c) => deps.events.answer(c) };
  for (const name of Object.keys(apiCalls) as ApiCallName[]) {
    const call = apiCalls[name];
    const path = apiPath(name);
    switch (call.kind) {
      case 'read':
        app.get(path, valueRoute(deps.handlers, name as ApiValueCall, (c) => queryInput(c.req.url, call.request)));
        break;
      case 'write':
        app.post(path, writeRoute(valueRoute(deps.handlers, name as ApiValueCall, (c) => bodyInput(c.req.raw, call.request))));
        break;
      case 'download':
        app.get(path, downloads[name as CallOf<'download'>]);
        break;
      case 'stream':
        app.get(path, streams[name as CallOf<'stream'>]);
        break;
    }
    app.all(path, call.kind === 'write' ? wrongMethod('POST', 'POST') : wrongMethod('GET', 'GET, HEAD'));
  }
}

/** Parses the request with the call's schema and answers the handler's value in its envelope; a thrown ApiFailure is the app's to answer. */
function valueRoute(handlers: ApiHandlers, name: ApiValueCall, input: (c: Context) => Input<unknown> | Promise<Input<unknown>>): Route {
  // The schema that parsed the request is the handler's own (ApiHandlers is derived from the same map).
  const handle = handlers[name] as (request: unknown) => Promise<unknown>;
  return async (c) => {
    const request = await input(c);
    if (!request.ok) return refuse(c, 'bad-request', request.message);
    return answer(c, await handle(request.value));
  };
}

/** A call that changes state runs only for this server's own pages: another site's page could otherwise make the visitor's browser ask it. */
function writeRoute(route: Route): Route {
  return (c) => {
    const foreign = foreignOrigin(c);
    return foreign === null ? route(c) : refuse(c, 'forbidden', foreign);
  };
}
