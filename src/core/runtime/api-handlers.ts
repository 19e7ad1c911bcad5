import { ApiFailure, type ApiHandlers, type SettingsIssue } from '../../shared/api-contract.js';
import { nomConfig, type NomConfig } from '../../shared/config-schema.js';
import { saveConfig } from '../config/config-file.js';
import { UserError } from '../errors.js';
import { findTargets } from '../store/data-dir.js';
import type { Zone } from '../time/zone.js';
import { historyOf } from '../views/history-query.js';
import { JournalCache } from '../views/journal-cache.js';
import { outageOf } from '../views/outage-query.js';
import type { Runtime } from './runtime.js';

/** Where a face keeps its settings: a configuration file for the daemon, electron-store in the app. */
export interface SettingsSaver {
  /** Shown to the user as where settings live; null when there is nowhere to save (a daemon started from flags). */
  readonly path: string | null;
  /** Writes a checked configuration whole; throws a UserError when it cannot. */
  save(config: NomConfig): void;
}

export interface HandlerPlaces {
  dataDir: string;
  settings: SettingsSaver;
  zone: Zone;
}

/** The daemon's saver: its --config file, or none when it was started from flags. */
export function configFileSaver(path: string | null): SettingsSaver {
  return { path, save: (config) => {
      if (path !== null) saveConfig(path, config);
    },
  };
}

/**
 * The API's calls answered by a running runtime and its data folder: one handler per call of
 * `apiCalls`, for every face's transport (HTTP here, IPC in the app). A file that cannot be
 * read is answered in words, with the data folder not named.
 */
export function runtimeHandlers(runtime: Runtime, places: HandlerPlaces): ApiHandlers {
  const { dataDir, settings, zone } = places;
  const live = () => ({ liveTargets: runtime.liveTargets(), nowSeconds: runtime.status().now });
  const journals = new JournalCache();
  return {
    status: () => Promise.resolve(runtime.status()),
    samples: (r) => {
      const targets = runtime.recentChecks(r.minutes, r.target);
      if (r.target !== undefined && targets.length === 0) return Promise.reject(new ApiFailure('not-found', `no updown target is named "${r.target}"`));
      return Promise.resolve({ targets });
    },
    history: (r) => readData(dataDir, () => historyOf(dataDir, r, { ...live(), zone }, journals)),
    outage: (r) => readData(dataDir, () => outageOf(dataDir, r.target, r.start, live(), journals)),
    targets: () => readData(dataDir, () => ({ targets: targetNames(dataDir).map((name) => ({ name })) })),
    settings: () => Promise.resolve({ config: runtime.currentConfig, path: settings.path, dataDir }),
    'settings-validate': (r) => Promise.resolve({ issues: issuesOf(r.config) }),
    'settings-save': async (r) => {
      const parsed = nomConfig.safeParse(r.config);
      if (!parsed.success) return { issues: issuesOf(r.config), restarted: [], saved: false };
      if (settings.path !== null) settings.save(parsed.data);
      const restarted = await runtime.apply(parsed.data);
      return { issues: [], restarted, saved: settings.path !== null };
    },
    pause: async (r) => {
      await runtime.pause(r.minutes, r.reason);
      return runtime.status();
    },
    resume: async () => {
      await runtime.resume();
      return runtime.status();
    },
  };
}

/** Every problem with a configuration, each at its field, in the schema's own words. */
function issuesOf(config: unknown): SettingsIssue[] {
  const parsed = nomConfig.safeParse(config);
  if (parsed.success) return [];
  return parsed.error.issues.map((issue) => ({ path: issue.path.map((p) => (typeof p === 'number' ? p : String(p))), message: issue.message }));
}

function readData<T>(dataDir: string, read: () => T): Promise<T> {
  try {
    return Promise.resolve(read());
  } catch (err) {
    if (err instanceof UserError) return Promise.reject(new ApiFailure('unavailable', err.message.replaceAll(dataDir, 'the data folder')));
    throw err;
  }
}

/** A fresh daemon has written nothing yet: no targets rather than an error. */
function targetNames(dataDir: string): string[] {
  try {
    return findTargets(dataDir).map((t) => t.name);
  } catch (err) {
    if (err instanceof UserError) return [];
    throw err;
  }
}
