/** How the updown monitor probes one target. Times in seconds, as imon's configuration has them. */
export interface UpdownOptions {
  /** Seconds between regular probes. */
  interval: number;
  /** Echo requests per regular check; the check succeeds when any is answered (imon's pingcount). */
  pingcount: number;
  /** Seconds to wait for a reply before a probe counts as failed (imon's pingwait). */
  pingwait: number;
  /** Quick re-probes that must all fail before DOWN is declared. */
  confirm: number;
  /** Seconds between quick re-probes. */
  confirmSpacing: number;
}

/**
 * Defaults chosen by measurement in the lab (npm run bench): DOWN known within 3 s of the truth,
 * start and end within 1 s, and no false outage in minutes of 10 % random loss, where a single
 * probe fails one time in five (loss both ways) and nine failures in a row happen about twice
 * in a million checks.
 */
export const UPDOWN_DEFAULTS: UpdownOptions = {
  interval: 1,
  pingcount: 1,
  pingwait: 1,
  confirm: 8,
  confirmSpacing: 0.06,
};
