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
    const { notice } = item;
    if (notice.kind === 'started' || notice.kind === 'stopped') {
      open.delete(notice.target);
      return item;
    }
    if (notice.kind === 'down' || notice.kind === 'cause') {
      const run = notice.kind === 'down' ? [] : (open.get(notice.target) ?? []);
      if (item !== busy) run.push(item);
      open.set(notice.target, run);
      return item;
    }
    // Anything else (a failover, a degraded period, a pause…) belongs to no DOWN…UP run: kept, in its place.
    if (notice.kind !== 'up') return item;
    const run = open.get(notice.target) ?? [];
    open.delete(notice.target);
    if (run.length === 0) return item;
    for (const stale of run) removed.add(stale);
    return { ...item, folded: [...run.flatMap((stale) => [...stale.folded, stale.notice]), ...item.folded] };
  });
  return result.filter((item) => !removed.has(item));
}
