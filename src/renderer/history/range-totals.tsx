import type { HistoryValue } from '../../shared/api-contract.js';
import { count, duration, percent } from '../lib/format.js';

/** Each target's share of the range: availability of the monitored time, downtime, outages, time not monitored. */
export function RangeTotals({ history }: { history: HistoryValue }) {
  const outages = new Map<string, number>();
  for (const o of history.outages) outages.set(o.target, (outages.get(o.target) ?? 0) + 1);
  return (
    <div class="totals">
      {history.targets.map((t) => {
        const monitored = t.uptime_s + t.downtime_s;
        return (
          <div key={t.name} class="card total">
            <p class="total-name">{t.name}</p>
            <p class="total-figure">{monitored === 0 ? '—' : percent(t.uptime_s / monitored)}</p>
            <p class="total-label">available</p>
            <p class="total-detail">
              {count(outages.get(t.name) ?? 0, 'outage')} · {duration(t.downtime_s)} down
              {t.unmonitored_s > 0 && ` · ${duration(t.unmonitored_s)} not monitored`}
            </p>
          </div>
        );
      })}
    </div>
  );
}
