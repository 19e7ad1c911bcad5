import type { BusEvent } from '../../shared/live-events.js';
import type { FailoverEvent } from '../../shared/system-events.js';
import type { DegradedFigures, FailoverNotice, LinkNotice, LinkRole, Notice } from './notifier.js';

/** The failover links' names from the configuration: failover events give only their roles. */
export type LinkNames = Record<LinkRole, string>;

const ROLE_NAMES: LinkNames = { primary: 'primary', standby: 'standby' };

/**
 * The notice one bus event is news of, or null. Outages are not turned into notices here: the
 * engine does that from its transitions, knowing how long the previous state lasted.
 */
export function noticeOfEvent(event: BusEvent, links: LinkNames = ROLE_NAMES): Notice | null {
  switch (event.type) {
    case 'session':
      return { kind: event.kind, target: event.target, address: event.address, at: event.at };
    case 'failover':
      return failoverNotice(event, links);
    case 'ip-change':
      // The first address a data folder sees is where it starts, not a change.
      if (event.old === null) return null;
      return { kind: 'ip-change', at: event.at, family: event.family, old: event.old, new: event.new, provider: event.provider };
    case 'degraded':
      return { kind: 'degraded', target: event.target, at: event.start, figures: figuresOf(event) };
    case 'degraded-end':
      return { kind: 'degraded-end', target: event.target, at: event.end, since: event.start, figures: figuresOf(event) };
    case 'pause':
      return { kind: 'paused', at: event.at, until: event.until, reason: event.reason.trim() || null };
    case 'resume':
      return { kind: 'resumed', at: event.at };
    case 'transition':
    case 'outage-start':
    case 'outage-end':
    case 'unmonitored':
    case 'ip-unknown':
    case 'ping-sample':
    case 'probe':
    case 'state':
    case 'health':
      return null;
  }
}

function failoverNotice(event: FailoverEvent, links: LinkNames): Notice | null {
  const change = changeOf(event);
  if (change === null) return null;
  // An empty address: the interface has none (it never came up).
  const link = (role: LinkRole): LinkNotice => ({ name: links[role], address: event[role].address || null, up: event[role].up });
  return {
    kind: 'failover',
    at: event.at,
    change,
    active: event.active,
    primary: link('primary'),
    standby: link('standby'),
    verified: event.verified ?? null,
    checked: change === 'postping-failed' ? (event.postping?.address ?? null) : null,
  };
}

/** `initial` is the state found at start, and a check after a switch that got its answer is not news. */
function changeOf(event: FailoverEvent): FailoverNotice['change'] | null {
  switch (event.kind) {
    case 'initial':
      return null;
    case 'postping':
      return event.postping?.online === false ? 'postping-failed' : null;
    case 'switch':
    case 'both-down':
      return event.kind;
  }
}

function figuresOf(event: Extract<BusEvent, { type: 'degraded' | 'degraded-end' }>): DegradedFigures {
  return { lossPct: event.loss_pct, medianRttMs: event.median_rtt_ms, baselineRttMs: event.baseline_rtt_ms, reason: event.reason };
}
