import type { DesktopGroup } from '../../../shared/config-schema.js';

/**
 * What the desktop shows: a short title and one line. `kind` is the group the toast tells of, or
 * `burst` (a flapping link's outages in one) or `quiet-hours` (what happened while quiet).
 */
export interface Toast {
  title: string;
  body: string;
  kind: DesktopGroup | 'burst' | 'quiet-hours';
}
