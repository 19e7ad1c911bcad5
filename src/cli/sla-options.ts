import { OFFICE_HOURS, parseBusinessHours, type SlaTerms } from '../core/analysis/sla.js';
import { UserError } from '../core/errors.js';

export interface SlaFlags {
  sla?: number;
  slaHours: string;
  slaMinOutage: number;
}

/** `--sla 99.5 [--sla-hours all|business|"Mon-Fri 08:00-18:00"] [--sla-min-outage S]`; null without --sla. */
export function slaTerms(flags: SlaFlags): SlaTerms | null {
  if (flags.sla === undefined) return null;
  const hours = flags.slaHours === 'all' ? 'all' : flags.slaHours === 'business' ? OFFICE_HOURS : parseBusinessHours(flags.slaHours);
  if (hours === null) throw new UserError(`--sla-hours: "${flags.slaHours}" is not all, business, or days and hours such as "Mon-Fri 09:00-17:00"`);
  return { target: flags.sla / 100, hours, minOutageSeconds: flags.slaMinOutage };
}
