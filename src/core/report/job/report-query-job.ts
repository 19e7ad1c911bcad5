import type { ApiParsedRequest } from '../../../shared/api-contract.js';
import type { ReportJob } from '../../../shared/report-job.js';
import { UserError } from '../../errors.js';
import { findTargets } from '../../store/data-dir.js';
import { reportJobOf, type InputLabels } from './report-input.js';

const QUERY_LABELS: InputLabels = { from: 'from', to: 'to', tz: 'tz', slaHours: 'sla-hours' };

/**
 * The `report` call's request as a job for the one report engine, with `live` the targets whose
 * sessions run now (carried to now). Served alike over HTTP and to the app's window; a request
 * that cannot be a report throws a UserError naming the field.
 */
export function reportQueryJob(q: ApiParsedRequest<'report'>, dataDir: string, now: number, live: readonly string[]): ReportJob {
  if (q.sla === undefined && (q['sla-min-outage'] !== undefined || (q['sla-hours'] ?? 'all') !== 'all')) {
    throw new UserError('sla-hours and sla-min-outage are terms of a contract: give sla, the availability it promises, too');
  }
  const job = reportJobOf(
    { dataDir, format: q.format, target: q.target, from: q.from, to: q.to, tz: q.tz, sla: q.sla, slaHours: q['sla-hours'], slaMinOutage: q['sla-min-outage'] },
    QUERY_LABELS,
    now,
  );
  return live.length === 0 ? job : { ...job, live: [...live] };
}

export const NOTHING_RECORDED = 'nothing is recorded yet: the report can be made once the first records are written';

/** A fresh monitor has written nothing yet: that is not an error of the data folder. */
export function hasRecords(dataDir: string): boolean {
  try {
    return findTargets(dataDir).length > 0;
  } catch (err) {
    if (err instanceof UserError) return false;
    throw err;
  }
}
