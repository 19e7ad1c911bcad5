import { CONFIG_FILE_MODE, configFileText, describeIssues, parseConfig } from '../core/config/config-file.js';
import { fsUserError, UserError } from '../core/errors.js';
import type { SettingsSaver } from '../core/runtime/api-handlers.js';
import { nomConfig, type NomConfig } from '../shared/config-schema.js';

/**
 * The slice of electron-store (conf, which it extends) the settings use: where the file is, and
 * the whole store, read from the file and written to it on every access.
 */
export interface SettingsBackend {
  readonly path: string;
  store: Record<string, unknown>;
}

/**
 * What conf's parser makes of a file that is not a JSON object: the reason, under a key no JSON
 * can hold. conf would otherwise throw from the store's constructor, and the app could neither
 * start nor tell the user which file is broken.
 */
const UNREADABLE = Symbol('unreadable settings');

type StoreObject = Record<string, unknown> & { [UNREADABLE]?: string };

function readStoreText(text: string): StoreObject {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return { [UNREADABLE]: `not valid JSON (${err instanceof Error ? err.message : String(err)})` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { [UNREADABLE]: 'not a nom configuration: the file must hold one JSON object' };
  return value as Record<string, unknown>;
}

/** The store's options that make its file the one `nom daemon --config` reads and `saveConfig` writes. */
export interface SettingsStoreOptions {
  readonly serialize: (value: Record<string, unknown>) => string;
  readonly deserialize: (text: string) => Record<string, unknown>;
  readonly configFileMode: number;
  /** A file the user can still repair is never replaced by an empty one. */
  readonly clearInvalidConfig: false;
  /** Keys are the configuration's own, never paths. */
  readonly accessPropertiesByDotNotation: false;
  readonly watch: false;
}

/** For `new ElectronStore({ name: 'settings', ...settingsStoreOptions() })` (or conf's constructor, with a cwd). */
export function settingsStoreOptions(): SettingsStoreOptions {
  return { serialize: configFileText, deserialize: readStoreText, configFileMode: CONFIG_FILE_MODE, clearInvalidConfig: false, accessPropertiesByDotNotation: false, watch: false };
}

export interface Settings extends SettingsSaver {
  readonly path: string;
  /** The settings the app runs on: the file's, migrated and checked, else the defaults. */
  readonly config: NomConfig;
  /** Why the app runs on the defaults, in words naming the file; null when the file was read. */
  readonly problem: string | null;
}

/**
 * Opens the app's settings. An empty store gets the defaults, written at once so that
 * `nom daemon --config` can be pointed at the file; an older version is migrated in memory and
 * written as the current one by the next save; a file that cannot be used is left exactly as
 * it is, for the user to repair or replace by saving.
 */
export function openSettings(backend: SettingsBackend, defaults: () => NomConfig): Settings {
  const stored = backend.store as StoreObject;
  let config: NomConfig;
  let problem: string | null = null;
  if (stored[UNREADABLE] === undefined && Object.keys(stored).length === 0) {
    config = defaults();
    try {
      write(backend, config);
    } catch (err) {
      if (!(err instanceof UserError)) throw err;
      problem = `settings file ${err.message}; nom is running with the default settings, which it could not write there`;
    }
  } else {
    const parsed = stored[UNREADABLE] === undefined ? parseConfig(stored) : { ok: false as const, problem: stored[UNREADABLE] };
    if (parsed.ok) config = parsed.config;
    else {
      config = defaults();
      problem = `settings file ${backend.path}: ${parsed.problem}; nom is running with the default settings and will not overwrite the file until you save`;
    }
  }
  return {
    path: backend.path,
    get config() {
      return config;
    },
    get problem() {
      return problem;
    },
    save(next: NomConfig) {
      const checked = nomConfig.safeParse(next);
      if (!checked.success) throw new UserError(`settings not saved: ${describeIssues(checked.error.issues)}`);
      write(backend, checked.data);
      config = checked.data;
      problem = null;
    },
  };
}

function write(backend: SettingsBackend, config: NomConfig): void {
  try {
    // A copy: conf adds its own bookkeeping to the object it is given.
    backend.store = structuredClone(config);
  } catch (err) {
    throw fsUserError(err, backend.path);
  }
}
