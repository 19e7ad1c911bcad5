import { useApi, useClock } from '../app/api-context.js';
import { useBus, useCall, useDebounced } from '../app/hooks.js';
import { clockTime, duration, isoTime, timer } from '../lib/format.js';
import { causeText } from '../lib/words.js';
import { addDays, dayOf, startOfDay } from '../lib/zone-time.js';

/** The list stays a glance; the rest is one click away in History. */
const SHOWN = 8;

/** Today's outages (the monitor's today), newest first, the open one with its running time. */
export function TodayOutages({ now }: { now: number }) {
  const api = useApi();
  const { zone } = useClock();
  const today = dayOf(now, zone);
  const from = startOfDay(today, zone);
  const to = startOfDay(addDays(today, 1), zone);
  const history = useCall(() => api.history({ from, to }), [from, to]);
  const reload = useDebounced(history.reload, 150);
  useBus((e) => {
    if (e.type === 'outage-start' || e.type === 'outage-end' || e.type === 'transition') reload();
  });

  const outages = [...(history.value?.outages ?? [])].sort((a, b) => b.start - a.start);
  return (
    <section class="card today" aria-labelledby="today-title">
      <div class="section-head">
        <h2 id="today-title">Today’s outages</h2>
        <a href="#/history" class="link">
          History
        </a>
      </div>
      {history.error !== null && <p class="field-error">{history.error.message}</p>}
      {history.value !== null && outages.length === 0 && <p class="empty">No outages today.</p>}
      {outages.length > 0 && (
        <ol class="today-list">
          {outages.slice(0, SHOWN).map((o) => (
            <li key={`${o.target}-${o.start}`} class={`today-item${o.end === null ? ' today-open' : ''}`}>
              <time class="today-time" dateTime={isoTime(o.start)}>
                {clockTime(o.start, zone)}
              </time>
              <span class="today-target">{o.target}</span>
              <span class="today-duration">{o.end === null ? `ongoing · ${timer(now - o.start)}` : duration(o.duration_s)}</span>
              <span class="today-cause">{causeText(o.cause)}</span>
            </li>
          ))}
        </ol>
      )}
      {outages.length > SHOWN && <p class="more">and {outages.length - SHOWN} more earlier today</p>}
    </section>
  );
}
