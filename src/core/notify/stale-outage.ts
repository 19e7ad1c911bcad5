import type { Notice } from './notifier.js';

export interface Foldable {
  readonly notice: Notice;
  /** Notices this one also stands for, oldest first. */
  readonly folded: readonly Notice[];
}

/**
 * Folds a DOWN (and the outage's cause) still waiting to be sent when the UP that ends the outage
 * is queued into that UP, which then stands for the whole outage.
 *
 * Why fold rather than send both late: a DOWN that could not go out during the outage would
 * arrive after the link returned — on a phone, a high-priority "UNREACHABLE" alarm for something
 * already over, with the "REACHABLE" right behind it. The UP already carries how long the outage
 * lasted; folded, it also says when it began and why, so nothing is lost and the reader gets one
 * accurate message. Only notices still queued are folded: a DOWN that went out on time is never
 * repeated. Channels read by programs (the JSON webhook) keep every notice instead, since a
 * receiver may record the sequence itself.
 *
 * `busy` (the notice being sent right now) is left alone: it may yet arrive.
 */
export function foldStaleOutages<T extends Foldable>(items: readonly T[], busy: T | null): T[] {
  const removed = new Set<T>();
  const open = new Map<string, T[]>();
  const result: T[] = items.map((item) => {
    const { kind, target } = item.notice;
    if (kind === 'started' || kind === 'stopped') {
      open.delete(target);
      return item;
    }
    if (kind === 'down' || kind === 'cause') {
      const run = kind === 'down' ? [] : (open.get(target) ?? []);
      if (item !== busy) run.push(item);
      open.set(target, run);
      return item;
    }
    const run = open.get(target) ?? [];
    open.delete(target);
    if (run.length === 0) return item;
    for (const stale of run) removed.add(stale);
    return { ...item, folded: [...run.flatMap((stale) => [...stale.folded, stale.notice]), ...item.folded] };
  });
  return result.filter((item) => !removed.has(item));
}
