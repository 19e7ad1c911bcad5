import { readdirSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { UserError, fsUserError } from '../errors.js';
import { listSampleFiles } from './samples-reader.js';
import { listLogFiles } from './transition-log.js';

export interface TargetDir {
  name: string;
  dir: string;
}

/**
 * The targets in a data folder: the folder itself when it holds records (a network-outage-monitor
 * `--save` folder), else each sub-folder that holds them. Records are transition logs
 * (`uptime_*.log`) or ping samples (`samples_YYYY-MM.bin`): a target watched by the ping monitor
 * alone has only samples.
 */
export function findTargets(dataDir: string): TargetDir[] {
  requireFolder(dataDir);
  if (holdsRecords(dataDir)) return [{ name: basename(resolve(dataDir)), dir: dataDir }];

  const targets = readdirSync(dataDir, { withFileTypes: true })
    .filter((entry) => isFolder(join(dataDir, entry.name)))
    .map((entry) => ({ name: entry.name, dir: join(dataDir, entry.name) }))
    .filter((target) => holdsRecords(target.dir))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  if (targets.length === 0) {
    throw new UserError(
      `${dataDir}: no transition logs here, nor ping samples (expected uptime_YYYY-MM.log or samples_YYYY-MM.bin files, or one folder per target holding them)`,
    );
  }
  return targets;
}

export function selectTarget(targets: TargetDir[], name: string): TargetDir {
  const found = targets.find((t) => t.name === name);
  if (!found) throw new UserError(`no target named "${name}" (found: ${targets.map((t) => t.name).join(', ')})`);
  return found;
}

export function requireFolder(path: string): void {
  let isDir: boolean;
  try {
    isDir = statSync(path).isDirectory();
  } catch (err) {
    throw fsUserError(err, path);
  }
  if (!isDir) throw new UserError(`${path}: not a folder`);
}

function holdsRecords(dir: string): boolean {
  return listLogFiles(dir).length > 0 || listSampleFiles(dir).length > 0;
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
