import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import type { z } from 'zod';
import { nomConfig, SAFE_NAME, type NomConfig } from '../../shared/config-schema.js';
import { UserError, fsUserError } from '../errors.js';
import { migrateConfig } from './config-migrations.js';

/**
 * Where instance configurations live: NOM_CONFIG_DIR when set; /etc/nom for root (a system
 * service, as imon keeps /etc/default/imon-NAME); else the XDG config folder.
 */
export function configDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.NOM_CONFIG_DIR) return env.NOM_CONFIG_DIR;
  if (process.getuid?.() === 0) return '/etc/nom';
  const base = env.XDG_CONFIG_HOME && env.XDG_CONFIG_HOME.startsWith('/') ? env.XDG_CONFIG_HOME : join(homedir(), '.config');
  return join(base, 'nom');
}

export function instanceConfigPath(instance: string, env: NodeJS.ProcessEnv = process.env): string {
  if (!SAFE_NAME.test(instance)) throw new UserError(`--instance: "${instance}" must be letters, digits, dots, dashes or underscores`);
  return join(configDir(env), `${instance}.json`);
}

/** One line naming every problem, each at its place in the file: `updown.targets.0.address: not an IP address`. */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  const parts = issues.map((issue) => {
    const where = issue.path.map(String).join('.');
    return where === '' ? issue.message : `${where}: ${issue.message}`;
  });
  return `${parts.length === 1 ? '1 problem' : `${parts.length} problems`}: ${parts.join('; ')}`;
}

/**
 * Reads a configuration file, upgrades it to the current version and validates it; any problem
 * is one UserError naming the file. The file itself is never rewritten here: an older version
 * stays as it is until a save writes the current one.
 */
export function loadConfig(path: string): NomConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw fsUserError(err, path);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new UserError(`${path}: not valid JSON (${err instanceof Error ? err.message : String(err)})`);
  }
  const parsed = parseConfig(value);
  if (!parsed.ok) throw new UserError(`${path}: ${parsed.problem}`);
  return parsed.config;
}

/** A configuration as read from any file (the daemon's, the app's store), migrated and checked; the problem in words. */
export function parseConfig(raw: unknown): { ok: true; config: NomConfig } | { ok: false; problem: string } {
  let migrated: unknown;
  try {
    migrated = migrateConfig(raw).config;
  } catch (err) {
    if (err instanceof UserError) return { ok: false, problem: err.message };
    throw err;
  }
  const parsed = nomConfig.safeParse(migrated);
  return parsed.success ? { ok: true, config: parsed.data } : { ok: false, problem: describeIssues(parsed.error.issues) };
}

/** Readable by its owner only: a configuration may hold webhook URLs, which are secrets. */
export const CONFIG_FILE_MODE = 0o600;

/** A configuration file's text, byte for byte, whoever writes it (`saveConfig`, the app's store). */
export function configFileText(config: unknown): string {
  return JSON.stringify(config, null, 2) + '\n';
}

/** Writes a configuration whole or not at all (temporary file, then rename), owner-only. */
export function saveConfig(path: string, config: NomConfig): void {
  const checked = nomConfig.parse(config);
  const tmp = `${path}.tmp-${process.pid}`;
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(tmp, configFileText(checked), { mode: CONFIG_FILE_MODE });
    chmodSync(tmp, CONFIG_FILE_MODE);
    renameSync(tmp, path);
  } catch (err) {
    throw fsUserError(err, path);
  }
}
