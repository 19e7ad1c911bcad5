import { DateTime } from 'luxon';
import { REPORT_EXTENSIONS, type ReportJob } from '../../../shared/report-job.js';

/**
 * A name for the saved report that says what it holds, e.g. `nom-report-internet-2026-10-01-to-2026-10-31.pdf`:
 * the target when there is one, the range when one was asked for, else the day it was made.
 */
export function reportFileName(job: ReportJob): string {
  const zone = job.zone ?? 'local';
  const day = (unix: number) => DateTime.fromSeconds(unix, { zone }).toISODate() ?? String(unix);
  const parts = ['nom-report'];
  if (job.target !== undefined) parts.push(job.target.replace(/[^A-Za-z0-9._-]+/g, '_'));
  if (job.from !== undefined || job.to !== undefined) {
    // The range's end is exclusive: October is 2026-10-01 to 2026-10-31 by the days it covers.
    parts.push(job.from === undefined ? 'start' : day(job.from), 'to', job.to === undefined ? day(job.now) : day(job.to - 1));
  } else {
    parts.push(day(job.now));
  }
  return `${parts.join('-')}.${REPORT_EXTENSIONS[job.format]}`;
}
