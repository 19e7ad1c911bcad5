/**
 * A module of the build (dist/), for tests of what runs a worker thread: Node 20 cannot start a
 * worker from TypeScript source, and errors must be of the built modules' own classes.
 * `path` is relative to dist/, e.g. 'core/http/http-server.js'.
 */
export function built<T>(path: string): Promise<T> {
  return import(new URL(`../../dist/${path}`, import.meta.url).href) as Promise<T>;
}
