import { useCallback, useEffect, useMemo, useRef } from 'preact/hooks';
import { useApi } from '../app/api-context.js';
import { useBus, useNow } from '../app/hooks.js';
import { Notice } from '../ui/notice.js';
import { LiveSeries } from './live-series.js';
import { PauseControls } from './pause-controls.js';
import { ProbingBanner } from './probing-banner.js';
import { RttChart, WINDOW_S } from './rtt-chart.js';
import { TargetCard } from './target-card.js';
import { TodayOutages } from './today-outages.js';
import { useLiveStatus } from './use-live-status.js';

/** What is happening now: each target's state, the open outages, the last hour, today. */
export function Dashboard() {
  const api = useApi();
  const now = useNow();
  const { status, error, announcement, replace } = useLiveStatus();
  const series = useMemo(() => new LiveSeries(WINDOW_S), []);
  const loadSamples = useCallback(() => {
    void api.samples({ minutes: WINDOW_S / 60 }).then((r) => {
      if (r.ok) series.load(r.value);
    });
  }, [api, series]);
  useEffect(loadSamples, [loadSamples]);
  const broken = useRef(false);
  useBus(
    (e) => {
      if (e.type === 'probe') series.append(e);
    },
    (connected) => {
      // Probes sent while the stream was down are in the samples, not in any event.
      if (connected && broken.current) loadSamples();
      broken.current = !connected;
    },
  );

  const charted = status?.targets.filter((t) => t.kind === 'updown') ?? [];
  return (
    <div class="page">
      {status !== null && <ProbingBanner probing={status.probing} />}
      <div class="page-head">
        <h1 tabIndex={-1}>Dashboard</h1>
        {status !== null && <p class="page-sub">{summaryLine(status.targets.map((t) => t.state))}</p>}
      </div>
      <p class="visually-hidden" aria-live="polite">
        {announcement}
      </p>
      {error !== null && <Notice tone="error" title={error.message} />}
      {status === null && error === null && <p class="loading">Loading…</p>}
      {status !== null && (
        <>
          <section aria-labelledby="targets-title">
            <h2 id="targets-title" class="visually-hidden">
              Targets
            </h2>
            {status.targets.length === 0 ? (
              <p class="empty card">No target is watched. Add one in Settings.</p>
            ) : (
              <div class="target-grid">
                {status.targets.map((t) => (
                  <TargetCard key={t.name} target={t} now={now} />
                ))}
              </div>
            )}
          </section>
          <div class="dash-columns">
            <section class="card charts" aria-labelledby="rtt-title">
              <div class="section-head">
                <h2 id="rtt-title">Round trip, last hour</h2>
                <span class="legend">
                  <span class="legend-line" aria-hidden="true" /> answer
                  <span class="legend-loss" aria-hidden="true" /> no answer
                </span>
              </div>
              {charted.length === 0 ? <p class="empty">No updown target to chart.</p> : charted.map((t) => <RttChart key={t.name} name={t.name} series={series} />)}
            </section>
            <div class="dash-side">
              <PauseControls paused={status.paused} now={now} onStatus={replace} />
              <TodayOutages now={now} />
            </div>
          </div>
        </>
      )}
    </div>
  );
}

function summaryLine(states: string[]): string {
  if (states.length === 0) return 'Nothing watched yet';
  const down = states.filter((s) => s === 'down').length;
  if (down > 0) return `${down} of ${states.length} down`;
  if (states.every((s) => s === 'up')) return states.length === 1 ? 'All is well' : `All ${states.length} up`;
  return `${states.filter((s) => s === 'up').length} of ${states.length} up`;
}
