import type { StatusValue } from '../../shared/api-contract.js';
import { Notice } from '../ui/notice.js';

/**
 * Why no probe can be made and what to do about it, in the runtime's own words (it knows what
 * it tried), above everything else on the dashboard: while it shows, nothing is being watched.
 */
export function ProbingBanner({ probing }: { probing: StatusValue['probing'] }) {
  if (probing.ok) return null;
  return (
    <Notice tone="warn" title="nom cannot probe your connection">
      <p>{probing.detail}</p>
      <p class="muted">
        Until this is fixed, nothing is recorded: the time shows as unmonitored, not as an outage. nom tries again every minute, and at once when you
        save the <a href="#/settings">settings</a>.
      </p>
    </Notice>
  );
}
