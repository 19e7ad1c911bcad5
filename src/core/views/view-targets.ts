import { ApiFailure } from '../../shared/api-contract.js';
import { extendOpenSession } from '../accounting/live-tail.js';
import { UserError } from '../errors.js';
import { findTargets, type TargetDir } from '../store/data-dir.js';
import type { TargetData } from '../store/target-data.js';
import { readTransitionDir } from '../store/transition-log.js';
import type { JournalCache } from './journal-cache.js';

/**
 * Every target in the data folder. A fresh daemon has written nothing yet, which the dashboard
 * shows as nothing rather than as an error, as the `targets` call does.
 */
export function viewedTargets(dataDir: string): TargetDir[] {
  try {
    return findTargets(dataDir);
  } catch (err) {
    if (err instanceof UserError) return [];
    throw err;
  }
}

export function viewedTarget(dataDir: string, name: string): TargetDir {
  const found = viewedTargets(dataDir).find((t) => t.name === name);
  if (!found) throw new ApiFailure('not-found', `there is no target named "${name}"`);
  return found;
}

/** What the process asking runs now: those targets' open sessions count up to `nowSeconds` (see extendOpenSession). */
export interface LiveOptions {
  liveTargets: readonly string[];
  nowSeconds: number;
}

/** A target as the views read it: they never show its address, so target.json is not read. */
export type ViewedTarget = Omit<TargetData, 'address'>;

/**
 * A target's records, its open session carried to now when the asking process runs it, as
 * loadLiveTarget loads them for a report. The journal comes from the cache; the transition log
 * is read each time: its fixed-size binary records of a year decode in about a millisecond.
 */
export function loadViewed(target: TargetDir, options: LiveOptions, journals: JournalCache): ViewedTarget {
  const series = readTransitionDir(target.dir);
  return {
    name: target.name,
    series: options.liveTargets.includes(target.name) ? extendOpenSession(series, options.nowSeconds) : series,
    journal: journals.read(target.dir),
  };
}
