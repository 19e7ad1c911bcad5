import { Hono, type Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { API_PATHS, describeQueryIssue, reportQuerySchema, type ApiError, type TargetsResponse } from '../../shared/api-contract.js';
import { REPORT_MEDIA_TYPES } from '../../shared/report-job.js';
import { UserError } from '../errors.js';
import type { Logger } from '../log.js';
import { reportFileName } from '../report/job/report-file-name.js';
import { reportJobOf, type InputLabels } from '../report/job/report-input.js';
import { ReportsBusy, type ReportQueue } from '../report/job/report-queue.js';
import { findTargets } from '../store/data-dir.js';
import { localZone } from '../time/zone.js';

export interface ApiDeps {
  dataDir: string;
  reports: Pick<ReportQueue, 'run'>;
  /** Unix seconds. */
  now: () => number;
  /** The targets whose sessions this process is running now (see extendOpenSession). */
  liveTargets: () => readonly string[];
  log: Logger;
  /** Host names a request may be addressed to; null for any. See `allowedHosts`. */
  hosts: ReadonlySet<string> | null;
}

const QUERY_LABELS: InputLabels = { from: 'from', to: 'to', tz: 'tz', slaHours: 'sla-hours' };

/**
 * Nothing the daemon serves fetches anything: the report is self-contained and the front page
 * is a form. The policy makes a browser hold it to that.
 */
const SECURITY_HEADERS = {
  'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

/** The daemon's HTTP API: the front page, the targets, and the report made by the one engine. */
export function apiApp(deps: ApiDeps): Hono {
  const app = new Hono();
  app.use('*', async (c, next) => {
    // A web page elsewhere could rebind its own name to 127.0.0.1 and read the reports: refuse names that are not ours.
    if (deps.hosts && !deps.hosts.has(hostName(c.req.header('host')))) return c.json({ error: 'this server answers only to the names it listens on' } satisfies ApiError, 421);
    await next();
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) c.header(name, value);
  });
  app.get('/', async (c) => {
    const { reportPage } = await import('./report-page.js');
    return c.html(reportPage(targetNames(deps.dataDir), localZone().name));
  });
  app.get(API_PATHS.targets, (c) => c.json({ targets: targetNames(deps.dataDir).map((name) => ({ name })) } satisfies TargetsResponse));
  app.get(API_PATHS.report, (c) => report(c, deps));
  app.all('*', (c) => (['/', API_PATHS.targets, API_PATHS.report].includes(c.req.path) ? refuse(c, 405, `${c.req.method} is not allowed here: use GET`) : refuse(c, 404, `no such path: ${c.req.path}`)));
  app.onError((err, c) => {
    deps.log.error(`HTTP ${c.req.method} ${c.req.path}: ${err.stack ?? err.message}`);
    return refuse(c, 500, 'internal error: the daemon log has the details');
  });
  return app;
}

async function report(c: Context, deps: ApiDeps): Promise<Response> {
  const raw = queryRecord(new URL(c.req.url).searchParams);
  if (typeof raw === 'string') return refuse(c, 400, raw);
  const query = reportQuerySchema.safeParse(raw);
  if (!query.success) return refuse(c, 400, describeQueryIssue(query.error));
  const q = query.data;
  try {
    const job = reportJobOf(
      { dataDir: deps.dataDir, format: q.format, target: q.target, from: q.from, to: q.to, tz: q.tz, sla: q.sla, slaHours: q['sla-hours'], slaMinOutage: q['sla-min-outage'] },
      QUERY_LABELS,
      deps.now(),
    );
    const live = deps.liveTargets();
    const bytes = await deps.reports.run(live.length === 0 ? job : { ...job, live: [...live] });
    return c.body(bytes, 200, { 'Content-Type': REPORT_MEDIA_TYPES[job.format], 'Content-Disposition': `attachment; filename="${reportFileName(job)}"` });
  } catch (err) {
    if (err instanceof UserError) return refuse(c, 400, err.message);
    if (err instanceof ReportsBusy) {
      c.header('Retry-After', String(err.retryAfterSeconds));
      return refuse(c, 503, err.message);
    }
    throw err;
  }
}

/** The query as one value per name; an empty form field counts as not given. A name given twice is refused. */
function queryRecord(params: URLSearchParams): Record<string, string> | string {
  const record: Record<string, string> = {};
  for (const [name, value] of params) {
    if (Object.hasOwn(record, name)) return `give "${name}" once`;
    if (value !== '') record[name] = value;
  }
  return record;
}

/** A fresh daemon has written nothing yet: no targets rather than an error. */
function targetNames(dataDir: string): string[] {
  try {
    return findTargets(dataDir).map((t) => t.name);
  } catch (err) {
    if (err instanceof UserError) return [];
    throw err;
  }
}

function refuse(c: Context, status: ContentfulStatusCode, error: string): Response {
  return c.json({ error } satisfies ApiError, status);
}

/** The Host header's name without its port; `[::1]:8080` gives `[::1]`. */
function hostName(header: string | undefined): string {
  if (header === undefined) return '';
  return header.replace(/:\d+$/, '').toLowerCase();
}

/** Names a browser on this machine may use; any name when listening beyond it (there is no telling which). */
export function allowedHosts(host: string, loopback: boolean): ReadonlySet<string> | null {
  if (!loopback) return null;
  return new Set(['localhost', '127.0.0.1', '[::1]', host.includes(':') ? `[${host}]` : host]);
}
