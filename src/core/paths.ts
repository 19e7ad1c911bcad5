import { fileURLToPath } from 'node:url';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** Where records live when no --data is given: the XDG data folder, shared by the app and the daemon. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_DATA_HOME && env.XDG_DATA_HOME.startsWith('/') ? env.XDG_DATA_HOME : join(homedir(), '.local', 'share');
  return join(base, 'nom');
}

/** The dashboard's built bundle beside this install (dist/renderer), which the daemon serves and the app's window loads. */
export function bundledUiDir(): string {
  return fileURLToPath(new URL('../renderer/', import.meta.url));
}
