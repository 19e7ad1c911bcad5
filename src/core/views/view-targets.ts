import { ApiFailure } from '../../shared/api-contract.js';
import { UserError } from '../errors.js';
import { loadLiveTarget } from '../report/make-document.js';
import { findTargets, type TargetDir } from '../store/data-dir.js';
import type { TargetData } from '../store/target-data.js';

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

export function loadViewed(target: TargetDir, options: LiveOptions): TargetData {
  return loadLiveTarget(target, { names: new Set(options.liveTargets), until: options.nowSeconds });
}
