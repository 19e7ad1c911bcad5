import { DateTime, IANAZone } from 'luxon';
import type { StatusValue, TargetStatus } from '../shared/api-contract.js';
import type { OutageCause } from '../shared/events.js';

/** The four icons: `paused` also stands for "not known" (starting, cannot probe, no answer from the monitor). */
export type TrayState = 'up' | 'degraded' | 'down' | 'paused';

/** What the tray shows: the icon, the one line (tooltip and the menu's first item), and a line per target. */
export interface TrayView {
  state: TrayState;
  line: string;
  targets: string[];
}

/** The tray's view of a status, at `now` (unix seconds): the connection's state is that of its updown targets. */
export function trayView(status: StatusValue, now: number): TrayView {
  const zone = IANAZone.isValidZone(status.zone) ? status.zone : 'UTC';
  const when = (unix: number) => wallClock(unix, now, zone);
  const targets = status.targets.map((t) => targetLine(t, when));
  const watched = status.targets.filter((t) => t.kind === 'updown');

  if (status.paused) return { state: 'paused', line: status.paused.until === null ? 'Paused until resumed' : `Paused until ${when(status.paused.until)}`, targets };
  if (!status.probing.ok) return { state: 'paused', line: `Cannot probe: ${status.probing.detail}`, targets };

  const down = longest(watched.filter((t) => t.state === 'down'));
  if (down) {
    const start = down.outage?.start ?? down.since ?? now;
    return { state: 'down', line: `Down ${span(now - start)} · ${causeWords(down.outage?.cause ?? null)}${named(down, watched)}`, targets };
  }
  const degraded = longest(watched.filter((t) => t.state === 'degraded'));
  if (degraded) return { state: 'degraded', line: `Degraded ${span(now - (degraded.since ?? now))} · slow or losing packets${named(degraded, watched)}`, targets };

  if (watched.length === 0) return { state: 'paused', line: 'Not watching any target', targets };
  if (watched.every((t) => t.state === 'up')) {
    // The connection is wholly up since the last of its targets came up.
    const since = Math.max(...watched.map((t) => t.since ?? now));
    return { state: 'up', line: `Up ${span(now - since)} · ${outagesToday(watched)}`, targets };
  }
  return { state: 'paused', line: 'Starting…', targets };
}

/** When the monitor does not answer at all: said as the line, with nothing claimed about the connection. */
export function unreachableView(message: string): TrayView {
  return { state: 'paused', line: `Cannot reach the monitor: ${message}`, targets: [] };
}

const STATE_WORDS: Record<TargetStatus['state'], string> = {
  up: 'up',
  degraded: 'works poorly',
  down: 'down',
  unknown: 'not known yet',
  paused: 'paused',
};

/** "router — up since 09:12", "internet — down since Mon 21:40". */
function targetLine(target: TargetStatus, when: (unix: number) => string): string {
  const since = target.since === null || target.state === 'unknown' ? '' : ` since ${when(target.since)}`;
  return `${target.name} — ${STATE_WORDS[target.state]}${since}`;
}

/** The one in that state longest: the line's duration is how long the trouble has lasted. */
function longest(targets: TargetStatus[]): TargetStatus | undefined {
  return targets.reduce<TargetStatus | undefined>((first, t) => (first === undefined || (t.since ?? Infinity) < (first.since ?? Infinity) ? t : first), undefined);
}

/** Which target, when there is more than one to tell apart. */
function named(target: TargetStatus, watched: TargetStatus[]): string {
  return watched.length > 1 ? ` (${target.name})` : '';
}

/** The open outage's cause in a few words; the dashboard has the evidence. */
function causeWords(cause: OutageCause | null): string {
  switch (cause) {
    case 'local':
      return 'router unreachable';
    case 'isp':
      return 'the provider (the router answers)';
    case 'target':
      return 'only this address (the internet works)';
    case 'unknown':
      return 'cause unknown';
    case null:
      return 'finding the cause…';
  }
}

/**
 * The busiest target's count: one outage of the line usually takes every target down at
 * once, and would be counted once per target in a sum.
 */
function outagesToday(watched: TargetStatus[]): string {
  const n = Math.max(...watched.map((t) => t.outagesToday));
  return n === 0 ? 'no outages today' : `${n} outage${n === 1 ? '' : 's'} today`;
}

/**
 * In the dashboard's units (3 d 4 h · 2 h 5 min · 12 min), to the minute: the tray is redrawn
 * once a minute, so seconds would be stale as soon as they were shown.
 */
export function span(seconds: number): string {
  const minutes = Math.floor(Math.max(0, seconds) / 60);
  if (minutes < 1) return '< 1 min';
  if (minutes < 60) return `${minutes} min`;
  const [big, bigUnit, small, smallUnit] = minutes < 24 * 60 ? [Math.floor(minutes / 60), 'h', minutes % 60, 'min'] : [Math.floor(minutes / 1440), 'd', Math.floor((minutes % 1440) / 60), 'h'];
  return small === 0 ? `${big} ${bigUnit}` : `${big} ${bigUnit} ${small} ${smallUnit}`;
}

/** 09:12 today, Mon 09:12 within the week, 3 Mar 09:12 before that, 3 Mar 2025 09:12 in another year; in the monitor's zone. */
function wallClock(unix: number, now: number, zone: string): string {
  const at = DateTime.fromSeconds(unix, { zone }).setLocale('en-GB');
  const today = DateTime.fromSeconds(now, { zone });
  if (at.hasSame(today, 'day')) return at.toFormat('HH:mm');
  if (Math.abs(today.startOf('day').diff(at.startOf('day'), 'days').days) < 7) return at.toFormat('ccc HH:mm');
  return at.toFormat(at.hasSame(today, 'year') ? 'd LLL HH:mm' : 'd LLL yyyy HH:mm');
}
