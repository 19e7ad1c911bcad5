import { IANAZone, SystemZone, type Zone } from 'luxon';
import { UserError } from '../errors.js';

export type { Zone };

/** The process's own zone (the TZ variable, else the system's), the one Python's localtime() uses. */
export function localZone(): Zone {
  return SystemZone.instance;
}

export function namedZone(name: string): Zone {
  if (!IANAZone.isValidZone(name)) {
    throw new UserError(`--tz: unknown time zone "${name}" (use an IANA name such as Europe/Oslo, or UTC)`);
  }
  return IANAZone.create(name);
}
