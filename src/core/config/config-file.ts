import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import type { z } from 'zod';
import { nomConfig, SAFE_NAME, type NomConfig } from '../../shared/config-schema.js';
import { UserError, fsUserError } from '../errors.js';

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

/** Reads and validates a configuration file; any problem is one UserError naming the file. */
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
  const parsed = nomConfig.safeParse(value);
  if (!parsed.success) throw new UserError(`${path}: ${describeIssues(parsed.error.issues)}`);
  return parsed.data;
}

/**
 * Writes a configuration whole or not at all (temporary file, then rename), readable by its
 * owner only: it may hold webhook URLs, which are secrets.
 */
export function saveConfig(path: string, config: NomConfig): void {
  const checked = nomConfig.parse(config);
  const tmp = `${path}.tmp-${process.pid}`;
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(tmp, JSON.stringify(checked, null, 2) + '\n', { mode: 0o600 });
    chmodSync(tmp, 0o600);
    renameSync(tmp, path);
  } catch (err) {
    throw fsUserError(err, path);
  }
}
