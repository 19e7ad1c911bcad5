import { z } from 'zod';

/**
 * The desktop app's own preferences, beside the monitoring configuration (config-schema.ts):
 * what only the app has a use for. Checked wherever they are read or saved.
 */

/** A daemon's address as a user types it: its origin, such as http://pi.local:8754. */
export const daemonUrl = z
  .string()
  .trim()
  .refine(isDaemonOrigin, { message: "must be the daemon's address, such as http://pi.local:8754 (http or https, no path)" });

/** As the daemon's access token can be: no space, nothing a header cannot carry (the daemon says whether it is the right one). */
export const daemonToken = z.string().trim().regex(/^[A-Za-z0-9_-]{1,512}$/, "must be the daemon's access token: letters, digits, - and _ (see its .http-token file)");

export const watchPreference = z.strictObject({
  url: daemonUrl,
  /** null: a daemon on this machine's loopback, which asks none. */
  token: daemonToken.nullable(),
});
export type WatchPreference = z.infer<typeof watchPreference>;

export const appPreferences = z.strictObject({
  /** A `nom daemon --http` to watch instead of monitoring on this computer; null: none named. */
  watch: watchPreference.nullable().default(null),
});
export type AppPreferences = z.infer<typeof appPreferences>;

function isDaemonOrigin(text: string): boolean {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return false;
  }
  const plain = url.username === '' && url.password === '' && url.search === '' && url.hash === '';
  return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '' && (url.pathname === '/' || url.pathname === '') && plain;
}
