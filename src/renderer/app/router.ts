import { useEffect, useState } from 'preact/hooks';

/** The views, by the hash that shows each: `#/`, `#/history`… A hash route needs nothing of the server. */
export const ROUTES = [
  { path: '/', label: 'Dashboard' },
  { path: '/history', label: 'History' },
  { path: '/settings', label: 'Settings' },
  { path: '/report', label: 'Report' },
] as const;

export type RoutePath = (typeof ROUTES)[number]['path'];

function routeOf(hash: string): RoutePath {
  const path = hash.replace(/^#/, '').split('?')[0] ?? '';
  return ROUTES.find((r) => r.path === path)?.path ?? '/';
}

export function useRoute(): RoutePath {
  const [route, setRoute] = useState(() => routeOf(window.location.hash));
  useEffect(() => {
    const follow = () => setRoute(routeOf(window.location.hash));
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, []);
  return route;
}
