import { z } from 'zod';
import { monitorEvent, outageCause } from './events.js';
import { pingSampleEvent } from './ping-events.js';
import { systemEvent } from './system-events.js';

/**
 * The runtime's one bus (DESIGN.md "How data flows"): every event a monitor or the runtime
 * itself raises, as the store, the notifiers, the action scripts and the views receive it. The
 * views get exactly these shapes (over SSE in a browser, over IPC in the app) and validate them.
 * Times in unix seconds unless the name says ms.
 */
const unixSeconds = z.number().int().nonnegative();

/** What a view shows for a target: `unknown` before the first answer, `paused` while the user paused probing. */
export const targetState = z.enum(['up', 'degraded', 'down', 'unknown', 'paused']);

/** One probe of an updown target: the live round-trip chart's points. rtt_ms null: no answer. */
export const probeEvent = z.object({ type: z.literal('probe'), target: z.string(), at_ms: z.number().nonnegative(), rtt_ms: z.number().nonnegative().nullable() });

/** A target's state as the views show it changed. */
export const stateEvent = z.object({
  type: z.literal('state'),
  target: z.string(),
  state: targetState,
  /** null while unknown. */
  since: unixSeconds.nullable(),
  /** The open outage's cause once known. */
  cause: outageCause.nullable(),
});

/** A monitoring session of one target or link opened (STARTED) or closed (STOPPED). */
export const sessionEvent = z.object({ type: z.literal('session'), target: z.string(), address: z.string(), kind: z.enum(['started', 'stopped']), at: unixSeconds });

/** Probing paused by the user (until: null means until resumed), or resumed. */
export const pauseEvent = z.object({ type: z.literal('pause'), at: unixSeconds, until: unixSeconds.nullable(), reason: z.string().max(200) });
export const resumeEvent = z.object({ type: z.literal('resume'), at: unixSeconds });

/** Whether probes can be made at all, in words a user can act on. */
export const healthEvent = z.object({ type: z.literal('health'), at: unixSeconds, probing: z.boolean(), detail: z.string().max(500) });

export const busEvent = z.union([monitorEvent, systemEvent, pingSampleEvent, probeEvent, stateEvent, sessionEvent, pauseEvent, resumeEvent, healthEvent]);

export type TargetState = z.infer<typeof targetState>;
export type ProbeEvent = z.infer<typeof probeEvent>;
export type StateEvent = z.infer<typeof stateEvent>;
export type SessionEvent = z.infer<typeof sessionEvent>;
export type PauseEvent = z.infer<typeof pauseEvent>;
export type ResumeEvent = z.infer<typeof resumeEvent>;
export type HealthEvent = z.infer<typeof healthEvent>;
export type BusEvent = z.infer<typeof busEvent>;
export type BusEventType = BusEvent['type'];
