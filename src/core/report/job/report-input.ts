import type { ReportFormat, ReportJob } from '../../../shared/report-job.js';
import { UserError } from '../../errors.js';
import { localZone, namedZone } from '../../time/zone.js';
import { parseTimeInput } from '../../time/time-input.js';
import { slaTerms, type SlaInput } from './sla-input.js';

/** A report as a person asks for it, in words: the CLI's flags, the HTTP API's query. */
export interface ReportInput extends SlaInput {
  dataDir: string;
  target?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  tz?: string | undefined;
  format: ReportFormat;
}

/** How the asking side names each input, so an error points at what the person typed. */
export interface InputLabels {
  from: string;
  to: string;
  tz: string;
  slaHours: string;
}

export const CLI_LABELS: InputLabels = { from: '--from', to: '--to', tz: '--tz', slaHours: '--sla-hours' };

/** Reads and checks every input, so a bad one is refused before any work starts. */
export function reportJobOf(input: ReportInput, labels: InputLabels, now: number): ReportJob {
  const zone = input.tz === undefined ? localZone() : namedZone(input.tz, labels.tz);
  const sla = slaTerms(input, labels.slaHours);
  const from = input.from === undefined ? undefined : parseTimeInput('from', labels.from, input.from, zone);
  const to = input.to === undefined ? undefined : parseTimeInput('to', labels.to, input.to, zone);
  if (from !== undefined && to !== undefined && from >= to) throw new UserError(`${labels.from} must be before ${labels.to}`);
  return {
    dataDir: input.dataDir,
    ...(input.target === undefined ? {} : { target: input.target }),
    ...(from === undefined ? {} : { from }),
    ...(to === undefined ? {} : { to }),
    zone: input.tz === undefined ? null : zone.name,
    format: input.format,
    ...(sla === null ? {} : { sla }),
    now,
  };
}
