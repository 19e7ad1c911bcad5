import { useState } from 'preact/hooks';
import { count } from '../lib/format.js';
import { LogoMark } from '../ui/icons.js';
import { useApi } from './api-context.js';
import { useBus } from './hooks.js';
import { ROUTES, type RoutePath } from './router.js';

export function TopBar({ route, instance }: { route: RoutePath; instance: string | null }) {
  return (
    <header class="topbar">
      <div class="topbar-inner">
        <a class="brand" href="#/">
          <LogoMark />
          <span class="brand-name">nom</span>
          {instance !== null && <span class="brand-instance">{instance}</span>}
        </a>
        <nav class="nav" aria-label="Views">
          {ROUTES.map((r) => (
            <a key={r.path} href={`#${r.path}`} class="nav-link" aria-current={r.path === route ? 'page' : undefined}>
              {r.label}
            </a>
          ))}
        </nav>
        <LiveIndicator />
      </div>
    </header>
  );
}

/** Whether live events are arriving: a dashboard that silently stopped updating would mislead. */
function LiveIndicator() {
  const api = useApi();
  const [connected, setConnected] = useState<boolean | null>(null);
  const [dropped, setDropped] = useState(0);
  useBus(
    () => setDropped(api.droppedEvents()),
    (c) => {
      setConnected(c);
      setDropped(api.droppedEvents());
    },
  );
  const word = connected === null ? 'Connecting' : connected ? 'Live' : 'Reconnecting';
  const title = dropped > 0 ? `${count(dropped, 'live update')} not understood and ignored` : undefined;
  return (
    <span class={`live live-${connected === null ? 'wait' : connected ? 'on' : 'off'}`} role="status" title={title}>
      <span class="live-dot" aria-hidden="true" />
      {word}
      {dropped > 0 && <span class="visually-hidden">, {title}</span>}
    </span>
  );
}
