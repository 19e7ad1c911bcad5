import type { SettingsIssue } from '../../shared/api-contract.js';

/** Where a value sits in the configuration, as the validator's issues name it: ['updown', 'targets', 0, 'name']. */
export type Path = readonly (string | number)[];

/** A pattern over paths: '*' stands for any one key (a row's index). */
export type PathPattern = readonly (string | number)[];

export function getAt(root: unknown, path: Path): unknown {
  let here = root;
  for (const key of path) {
    if (typeof here !== 'object' || here === null) return undefined;
    here = (here as Record<string | number, unknown>)[key];
  }
  return here;
}

/**
 * A copy of `root` with one value replaced: only the objects along the path are copied, so
 * everything the form does not know (other sections, fields added by a newer monitor) is kept
 * exactly as it was.
 */
export function setAt(root: unknown, path: Path, value: unknown): unknown {
  const [key, ...rest] = path;
  if (key === undefined) return value;
  const here = typeof root === 'object' && root !== null ? root : typeof key === 'number' ? [] : {};
  const next = rest.length === 0 ? value : setAt((here as Record<string | number, unknown>)[key], rest, value);
  if (Array.isArray(here)) {
    const copy: unknown[] = [...(here as unknown[])];
    copy[Number(key)] = next;
    return copy;
  }
  return { ...here, [key]: next };
}

function samePath(a: Path, b: Path): boolean {
  return a.length === b.length && a.every((k, i) => String(k) === String(b[i]));
}

export function matches(pattern: PathPattern, path: Path): boolean {
  return pattern.length === path.length && pattern.every((k, i) => k === '*' || String(k) === String(path[i]));
}

export function issuesAt(issues: readonly SettingsIssue[], path: Path): string[] {
  return issues.filter((i) => samePath(i.path, path)).map((i) => i.message);
}

/** An id for the input at a path, and for its messages (aria-describedby). */
export function fieldId(path: Path): string {
  return `field-${path.join('-')}`;
}
