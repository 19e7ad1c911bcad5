import { OFFICE_HOURS, parseBusinessHours, type SlaTerms } from '../../analysis/sla.js';
import { UserError } from '../../errors.js';

export interface SlaInput {
  /** Percent, e.g. 99.5; no terms without it. */
  sla?: number | undefined;
  /** all, business, or days and hours such as "Mon-Fri 08:00-18:00". */
  slaHours?: string | undefined;
  slaMinOutage?: number | undefined;
}

/** The contract terms a report checks; null when no figure was given. `label` names the hours input in errors. */
export function slaTerms(input: SlaInput, label: string): SlaTerms | null {
  if (input.sla === undefined) return null;
  const text = input.slaHours ?? 'all';
  const hours = text === 'all' ? 'all' : text === 'business' ? OFFICE_HOURS : parseBusinessHours(text);
  if (hours === null) throw new UserError(`${label}: "${text}" is not all, business, or days and hours such as "Mon-Fri 09:00-17:00"`);
  return { target: input.sla / 100, hours, minOutageSeconds: input.slaMinOutage ?? 0 };
}
