import type { Context } from 'hono';
import { apiCalls } from '../../shared/api-contract.js';
import { REPORT_MEDIA_TYPES } from '../../shared/report-job.js';
import { UserError } from '../errors.js';
import { reportFileName } from '../report/job/report-file-name.js';
import { hasRecords, NOTHING_RECORDED, reportQueryJob } from '../report/job/report-query-job.js';
import { ReportsBusy, type ReportQueue } from '../report/job/report-queue.js';
import { refuse } from './api-answer.js';
import { queryInput } from './request-input.js';

export interface ReportDownloadDeps {
  dataDir: string;
  reports: Pick<ReportQueue, 'run'>;
  /** Unix seconds. */
  now: () => number;
  /** The targets whose sessions this process is running now (see extendOpenSession). */
  liveTargets: () => readonly string[];
}

/**
 * A report is a self-contained page that fetches nothing; its inline styles are its own. It
 * is an attachment, so this policy binds it only if a browser shows it anyway.
 */
const REPORT_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'; frame-ancestors 'none'";

/** GET /api/report: the report made by the one engine, as a file; refusals are envelopes. */
export function reportDownload(deps: ReportDownloadDeps): (c: Context) => Promise<Response> {
  return async (c) => {
    const query = queryInput(c.req.url, apiCalls.report.request);
    if (!query.ok) return refuse(c, 'bad-request', query.message);
    try {
      // A contract's terms without its availability are refused before "nothing recorded" is said.
      const job = reportQueryJob(query.value, deps.dataDir, deps.now(), deps.liveTargets());
      if (!hasRecords(deps.dataDir)) return refuse(c, 'not-found', NOTHING_RECORDED);
      const headers = {
        'Content-Type': REPORT_MEDIA_TYPES[job.format],
        'Content-Disposition': `attachment; filename="${reportFileName(job)}"`,
        'Content-Security-Policy': REPORT_POLICY,
      };
      // HEAD asks whether the report can be had, not for the work of making it.
      if (c.req.method === 'HEAD') return c.body(null, 200, headers);
      const bytes = await deps.reports.run(job, c.req.raw.signal);
      return c.body(bytes, 200, headers);
    } catch (err) {
      if (err instanceof UserError) return refuse(c, 'bad-request', err.message.replaceAll(deps.dataDir, 'the data folder'));
      if (err instanceof ReportsBusy) return refuse(c, 'busy', err.message, { headers: { 'Retry-After': String(err.retryAfterSeconds) } });
      throw err;
    }
  };
}
