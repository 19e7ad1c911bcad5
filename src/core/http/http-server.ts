import type { AddressInfo } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import type { ApiHandlers } from '../../shared/api-contract.js';
import type { BusEvent } from '../../shared/live-events.js';
import { UserError } from '../errors.js';
import type { Logger } from '../log.js';
import type { ReportQueue } from '../report/job/report-queue.js';
import { apiApp } from './api-app.js';
import { eventStreams } from './event-stream.js';
import { hostPolicy } from './host-policy.js';
import type { ListenAddress } from './listen-address.js';

export interface ApiServerDeps {
  handlers: ApiHandlers;
  /** Subscribes to the bus for one SSE client; returns the unsubscribe. */
  subscribe: (listener: (event: BusEvent) => void) => () => void;
  dataDir: string;
  reports: Pick<ReportQueue, 'run' | 'close'>;
  /** Unix seconds. */
  now: () => number;
  /** The targets whose sessions this process is running now (see extendOpenSession). */
  liveTargets: () => readonly string[];
  /** The renderer bundle (index.html, app.js, app.css…), served at `/`. */
  uiDir: string;
  /** Needed by every API call when not null; null on loopback, where no token is asked. */
  token: string | null;
  log: Logger;
}

export interface RunningServer {
  /** The origin a browser opens, with the port actually bound (no path: the log would hide one as a secret). */
  url: string;
  close(): Promise<void>;
}

/** Serves the API and the dashboard on `address`; a port already taken or not allowed is the user's to fix. */
export async function startHttpServer(address: ListenAddress, deps: ApiServerDeps): Promise<RunningServer> {
  const events = eventStreams(deps.subscribe, deps.log);
  const app = apiApp({ ...deps, events, acceptsHost: hostPolicy(address.host) });
  const server = createAdaptorServer({ fetch: app.fetch });
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', (err) => reject(listenError(err, address)));
    server.listen(address.port, address.host);
  });
  const bound = server.address() as AddressInfo;
  const host = bound.family === 'IPv6' ? `[${bound.address}]` : bound.address;
  return {
    url: `http://${host}:${bound.port}`,
    // Reports being made or waiting are stopped too: a worker thread would keep the daemon alive.
    close: () =>
      new Promise<void>((resolve) => {
        events.close();
        deps.reports.close();
        server.close(() => resolve());
        if ('closeAllConnections' in server) server.closeAllConnections();
      }),
  };
}

function listenError(err: unknown, address: ListenAddress): UserError {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  const where = `${address.host}:${address.port}`;
  if (code === 'EADDRINUSE') return new UserError(`--http: ${where} is in use by another program`);
  if (code === 'EACCES') return new UserError(`--http: not allowed to listen on ${where} (ports under 1024 need privileges)`);
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') return new UserError(`--http: ${address.host} is not an address of this machine`);
  return new UserError(`--http: cannot listen on ${where}: ${err instanceof Error ? err.message : String(err)}`);
}
