import { IANAZone, SystemZone, type Zone } from 'luxon';
import { UserError } from '../errors.js';

export type { Zone };

/** The process's own zone (the TZ variable, else the system's), the one Python's localtime() uses. */
export function localZone(): Zone {
  return SystemZone.instance;
}

/** `label` names the input in errors: the CLI's --tz, the HTTP API's tz. */
export function namedZone(name: string, label = '--tz'): Zone {
  if (!IANAZone.isValidZone(name)) {
    throw new UserError(`${label}: unknown time zone "${name}" (use an IANA name such as Europe/Oslo, or UTC)`);
  }
  // europe/oslo is valid, and named in the report as the zone database names it.
  return IANAZone.create(new Intl.DateTimeFormat('en', { timeZone: name }).resolvedOptions().timeZone);
}
