import { useMemo, useState } from 'preact/hooks';
import { useApi, useClock } from '../app/api-context.js';
import { useBus, useCall, useDebounced, useNow } from '../app/hooks.js';
import { number } from '../lib/format.js';
import { dayKey, dayOf } from '../lib/zone-time.js';
import { Notice } from '../ui/notice.js';
import { HeatMap } from './heat-map.js';
import { OutageDetails } from './outage-details.js';
import { OutageList } from './outage-list.js';
import { OutageTimeline } from './outage-timeline.js';
import { rangeOf, rangeTitle, secondsOf, SHORTEST_SPAN_S, type Range } from './range.js';
import { RangePicker } from './range-picker.js';
import { RangeTotals } from './range-totals.js';
import type { HistoryOutage } from './timeline-geometry.js';

/** Any stretch of the record, from a day to a year: the timeline, the calendar, every outage and its evidence. */
export function HistoryView() {
  const api = useApi();
  const { zone } = useClock();
  const now = useNow(60_000);
  const [range, setRange] = useState<Range>(() => rangeOf('week', dayOf(now, zone)));
  const [picked, setPicked] = useState<HistoryOutage | null>(null);
  const { from, to } = secondsOf(range, zone);
  const history = useCall(() => api.history({ from, to }), [from, to]);
  const reload = useDebounced(history.reload, 500);
  useBus((e) => {
    if ((e.type === 'outage-start' || e.type === 'outage-end') && from <= now && now < to) reload();
  });
  const value = history.value;
  const outages = useMemo(() => [...(value?.outages ?? [])].sort((a, b) => b.start - a.start), [value]);
  const zoom = (a: number, b: number) => setRange({ unit: 'span', from: a, to: Math.max(b, a + SHORTEST_SPAN_S) });

  return (
    <div class="page">
      <div class="page-head">
        <h1 tabIndex={-1}>History</h1>
        <p class="page-sub" aria-live="polite">
          {rangeTitle(range, zone)}
          {history.loading && <span class="updating"> · loading…</span>}
        </p>
      </div>
      <RangePicker range={range} now={now} zone={zone} onChange={setRange} />
      {history.error !== null && <Notice tone="error" title={history.error.message} />}
      {value !== null && (
        <>
          <RangeTotals history={value} />
          <section class="card" aria-labelledby="timeline-title">
            <div class="section-head">
              <h2 id="timeline-title">Timeline</h2>
              <span class="legend">
                <span class="legend-down" aria-hidden="true" /> outage
                <span class="legend-degraded" aria-hidden="true" /> degraded
                <span class="legend-unmonitored" aria-hidden="true" /> not monitored
              </span>
            </div>
            <p class="hint">Click an outage for its evidence; drag across the chart to zoom in.</p>
            <OutageTimeline history={value} now={now} onPick={setPicked} onZoom={zoom} />
          </section>
          {value.days.length > 1 && (
            <section class="card" aria-labelledby="days-title">
              <div class="section-head">
                <h2 id="days-title">Downtime per day</h2>
              </div>
              <HeatMap days={value.days} today={dayKey(dayOf(now, zone))} onPick={(day) => setRange(rangeOf('day', day))} />
            </section>
          )}
          <section class="card" aria-labelledby="outages-title">
            <div class="section-head">
              <h2 id="outages-title">Outages</h2>
              <span class="muted">{number(outages.length)}</span>
            </div>
            <OutageList outages={outages} onPick={setPicked} />
          </section>
        </>
      )}
      {picked !== null && <OutageDetails key={`${picked.target}-${picked.start}`} outage={picked} onClose={() => setPicked(null)} />}
    </div>
  );
}
