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
  /** Whether a request's Host header names this server (see hostPolicy). */
  acceptsHost: (header: string | undefined) => boolean;
}

const QUERY_LABELS: InputLabels = { from: 'from', to: 'to', tz: 'tz', slaHours: 'sla-hours' };
const PATHS: readonly string[] = ['/', API_PATHS.targets, API_PATHS.report];

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
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) c.header(name, value);
    if (!deps.acceptsHost(c.req.header('host'))) {
      return c.json({ error: 'this server answers only to its own names and addresses' } satisfies ApiError, 421);
    }
    await next();
  });
  app.get('/', async (c) => {
    const { reportPage } = await import('./report-page.js');
    return c.html(reportPage(targetNames(deps.dataDir), localZone().name));
  });
  app.get(API_PATHS.targets, (c) => c.json({ targets: targetNames(deps.dataDir).map((name) => ({ name })) } satisfies TargetsResponse));
  app.get(API_PATHS.report, (c) => report(c, deps));
  app.all('*', (c) => {
    if (!PATHS.includes(c.req.path)) return refuse(c, 404, `no such path: ${c.req.path}`);
    c.header('Allow', 'GET, HEAD');
    return refuse(c, 405, `${c.req.method} is not allowed here: use GET`);
  });
  app.onError((err, c) => {
    // One log line: under systemd each line is its own journal entry, and only the first would carry the priority.
    deps.log.error(`HTTP ${c.req.method} ${c.req.path}: ${(err.stack ?? err.message).replace(/\n\s*/g, ' | ')}`);
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
  if (q.sla === undefined && (q['sla-min-outage'] !== undefined || (q['sla-hours'] ?? 'all') !== 'all')) {
    return refuse(c, 400, 'sla-hours and sla-min-outage are terms of a contract: give sla, the availability it promises, too');
  }
  if (targetNames(deps.dataDir).length === 0) return refuse(c, 404, 'nothing is recorded yet: the report can be made once the first records are written');
  try {
    const job = reportJobOf(
      { dataDir: deps.dataDir, format: q.format, target: q.target, from: q.from, to: q.to, tz: q.tz, sla: q.sla, slaHours: q['sla-hours'], slaMinOutage: q['sla-min-outage'] },
      QUERY_LABELS,
      deps.now(),
    );
    const headers = { 'Content-Type': REPORT_MEDIA_TYPES[job.format], 'Content-Disposition': `attachment; filename="${reportFileName(job)}"` };
    // HEAD asks whether the report can be had, not for the work of making it.
    if (c.req.method === 'HEAD') return c.body(null, 200, headers);
    const live = deps.liveTargets();
    const bytes = await deps.reports.run(live.length === 0 ? job : { ...job, live: [...live] }, c.req.raw.signal);
    return c.body(bytes, 200, headers);
  } catch (err) {
    if (err instanceof UserError) return refuse(c, 400, err.message.replaceAll(deps.dataDir, 'the data folder'));
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

/** Errors echo what was asked; a control character in it would break the one line into two. */
function refuse(c: Context, status: ContentfulStatusCode, error: string): Response {
  const line = error.replace(/\p{Cc}/gu, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return c.json({ error: line } satisfies ApiError, status);
}
