import { CONFIG_VERSION, DESKTOP_NOTIFY_DEFAULTS } from '../../shared/config-schema.js';
import { UserError } from '../errors.js';

type ConfigObject = Record<string, unknown>;

/** Takes a configuration of the version it is keyed by to the next version; checks nothing (the schema does). */
type Migration = (config: ConfigObject) => ConfigObject;

const isObject = (value: unknown): value is ConfigObject => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The chain of upgrades, keyed by the version each one upgrades from. A step only adds or moves
 * what changed between two versions; whatever it does not know it leaves exactly as it was, so
 * that the schema, not the migration, says what is wrong with a broken file.
 */
export const CONFIG_MIGRATIONS: Readonly<Record<number, Migration>> = {
  // Version 2: the desktop app's own notifications. A version-1 file written by nom 0.1 after
  // they existed may hold them already; they are kept.
  1: (config) => {
    const notify = config.notify;
    if (!isObject(notify) || notify.desktop !== undefined) return { ...config, version: 2 };
    return { ...config, version: 2, notify: { ...notify, desktop: { ...DESKTOP_NOTIFY_DEFAULTS, events: [...DESKTOP_NOTIFY_DEFAULTS.events] } } };
  },
};

export interface MigratedConfig {
  /** The configuration at CONFIG_VERSION, not yet validated. */
  config: unknown;
  /** The version it was written in. */
  from: number;
}

/**
 * Brings a configuration as read from a file up to CONFIG_VERSION. A file without a version, or
 * from a newer nom, is refused in words: guessing could run the monitors on settings nobody chose.
 */
export function migrateConfig(raw: unknown): MigratedConfig {
  if (!isObject(raw)) throw new UserError('not a nom configuration: the file must hold one JSON object');
  const from = raw.version;
  if (from === undefined) throw new UserError(`version: missing; a nom configuration says which version of the format it is (this nom writes ${CONFIG_VERSION})`);
  if (typeof from !== 'number' || !Number.isInteger(from) || from < 1) throw new UserError(`version: ${JSON.stringify(from)} is not a version of nom's configuration (a whole number from 1 to ${CONFIG_VERSION})`);
  if (from > CONFIG_VERSION) throw new UserError(`written by a newer nom (version ${from}); this nom reads up to ${CONFIG_VERSION}`);
  let config = raw;
  for (let version = from; version < CONFIG_VERSION; version++) {
    const step = CONFIG_MIGRATIONS[version];
    if (step === undefined) throw new Error(`no migration from configuration version ${version}`);
    config = step(config);
  }
  return { config, from };
}
