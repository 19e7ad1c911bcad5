import type { JSX } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { ApiClient } from '../api/api-client.js';
import { Dashboard } from '../dashboard/dashboard.js';
import { HistoryView } from '../history/history-view.js';
import { ReportView } from '../report/report-view.js';
import { SettingsView } from '../settings/settings-view.js';
import { Notice } from '../ui/notice.js';
import { ApiContext, ClockContext, useApi, type MonitorClock } from './api-context.js';
import { useCall } from './hooks.js';
import { TopBar } from './top-bar.js';
import { ROUTES, useRoute, type RoutePath } from './router.js';

const VIEWS: Record<RoutePath, () => JSX.Element> = {
  '/': Dashboard,
  '/history': HistoryView,
  '/settings': SettingsView,
  '/report': ReportView,
};

/** A clock this far apart is the browser's or the monitor's being wrong, and timers would show it. */
const SKEW_WORTH_CORRECTING_S = 2;

export function App({ api }: { api: ApiClient }) {
  return (
    <ApiContext.Provider value={api}>
      <Shell />
    </ApiContext.Provider>
  );
}

function Shell() {
  const api = useApi();
  const route = useRoute();
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);
  const status = useCall(() => api.status({}), []);
  const [asked] = useState(() => Date.now() / 1000);
  const clock = useMemo<MonitorClock | null>(() => {
    if (status.value === null) return null;
    const skew = status.value.now - asked;
    return { zone: status.value.zone, skew: Math.abs(skew) > SKEW_WORTH_CORRECTING_S ? skew : 0 };
  }, [status.value, asked]);

  const label = ROUTES.find((r) => r.path === route)?.label ?? '';
  useEffect(() => {
    document.title = `${label} · nom`;
    // Moving to a view puts the reader at its heading, as a new page would; the first load leaves focus where the browser put it.
    if (first.current) first.current = false;
    else main.current?.querySelector<HTMLElement>('h1')?.focus();
  }, [label]);

  const View = VIEWS[route];
  return (
    <>
      <button type="button" class="skip-link" onClick={() => main.current?.querySelector<HTMLElement>('h1')?.focus()}>
        Skip to content
      </button>
      <TopBar route={route} instance={status.value?.instance ?? null} />
      <main ref={main} class="main">
        {clock !== null ? (
          <ClockContext.Provider value={clock}>
            <View />
          </ClockContext.Provider>
        ) : status.error !== null ? (
          <div class="page">
            <h1 tabIndex={-1}>Cannot reach the monitor</h1>
            <Notice tone="error" title={status.error.message}>
              <button type="button" class="button" onClick={status.reload}>
                Try again
              </button>
            </Notice>
          </div>
        ) : (
          <p class="loading" role="status">
            Connecting to the monitor…
          </p>
        )}
      </main>
    </>
  );
}
