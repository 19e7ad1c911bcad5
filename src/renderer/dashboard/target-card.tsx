import type { TargetStatus } from '../../shared/api-contract.js';
import { useClock } from '../app/api-context.js';
import { ago, clockTime, count, isoTime, timer } from '../lib/format.js';
import { causeText } from '../lib/words.js';
import { StateMark } from '../ui/state-mark.js';

/** One target: its state as mark and word, since when, and the open outage's running time and cause. */
export function TargetCard({ target, now }: { target: TargetStatus; now: number }) {
  const { zone } = useClock();
  const id = `target-${target.name}`;
  return (
    <article class={`card target target-${target.state}`} aria-labelledby={id}>
      <header class="target-head">
        <h3 id={id} class="target-name">
          {target.name}
        </h3>
        <span class="target-address">
          {target.kind === 'link' ? 'failover link · ' : ''}
          {target.address}
        </span>
      </header>
      <StateMark state={target.state} large />
      <p class="target-since">
        {target.since === null ? (
          'waiting for the first answer'
        ) : (
          <>
            since <time dateTime={isoTime(target.since)}>{clockTime(target.since, zone)}</time> · {ago(now - target.since)}
          </>
        )}
      </p>
      {target.outage !== null && (
        <div class="outage-now">
          <p class="outage-timer">
            <span class="outage-timer-label">Down for</span>
            <span class="timer">{timer(now - target.outage.start)}</span>
          </p>
          <p class="outage-cause">
            Cause: <strong>{causeText(target.outage.cause)}</strong>
          </p>
        </div>
      )}
      <p class="target-today">{target.outagesToday === 0 ? 'No outages today' : `${count(target.outagesToday, 'outage')} today`}</p>
    </article>
  );
}
