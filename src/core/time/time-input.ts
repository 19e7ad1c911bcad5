import { DateTime } from 'luxon';
import { UserError } from '../errors.js';
import type { Zone } from 'luxon';

/** 9999-12-31T23:59:59Z: the last second an ISO date can name. */
const LAST_SECOND = 253_402_300_799;

const FORMS = 'use 2025-10, 2025-10-01, 2025-10-01T14:00, 2025-10-01T14:00:00Z or @UNIXSECONDS';

/**
 * Reads the start or end of a range, as the CLI's --from/--to or the HTTP API's from/to (`label`
 * names it in errors). A bare date or month means that whole day or month: as a start its
 * beginning, as an end its end, so from 2025-10 to 2025-10 is all of October.
 */
export function parseTimeInput(bound: 'from' | 'to', label: string, text: string, zone: Zone): number {
  const unix = /^@(\d+)$/.exec(text);
  if (unix) {
    const seconds = Number(unix[1]);
    if (seconds > LAST_SECOND) throw new UserError(`${label}: "${text}" is after the year 9999`);
    return seconds;
  }

  const normalized = text.trim().replace(/^(\d{4}-\d{2}-\d{2}) (\d)/, '$1T$2');
  const parsed = DateTime.fromISO(normalized, { zone });
  if (!parsed.isValid) throw new UserError(`${label}: cannot read "${text}" as a time (${FORMS})`);
  let start = parsed;
  if (bound === 'to') {
    if (/^\d{4}$/.test(normalized)) start = parsed.plus({ years: 1 });
    else if (/^\d{4}-\d{2}$/.test(normalized)) start = parsed.plus({ months: 1 });
    else if (/^\d{4}-\d{2}-\d{2}$/.test(normalized)) start = parsed.plus({ days: 1 });
  }
  return Math.floor(start.toSeconds());
}
