import type { OutageEnd } from '../accounting/outages.js';

/** What a reader should know about how an outage's recorded end came about. */
export const OUTAGE_END_NOTE: Record<Exclude<OutageEnd, null> | 'open', string> = {
  up: '',
  stopped: 'monitoring stopped while down',
  restarted: 'monitor restarted while down (it had not stopped cleanly)',
  open: 'still down at the last record',
};
