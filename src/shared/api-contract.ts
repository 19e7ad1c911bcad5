import { z } from 'zod';
import { nomConfig } from './config-schema.js';
import { addressFact, outageBounds, outageCause, startEvidence } from './events.js';
import { busEvent, targetState } from './live-events.js';
import { REPORT_FORMATS } from './report-job.js';

/**
 * The API every face calls (DESIGN.md "The module map"): one map from each call to its request
 * and the value of its answer, in the shape of the helper's `helperCalls`. The daemon's HTTP
 * routes, the Electron IPC handlers, the preload bridge and the renderer's client are all derived
 * from `apiCalls`; nothing is written twice. Both sides validate: the server every request, the
 * client every answer.
 *
 * Every answer is an envelope: `{ok:true, value}` or `{ok:false, error:{code, message}}`, the
 * message one line in the user's words. Two calls are not envelopes: `report` answers with the
 * file itself (its refusals are envelopes), and `events` is a stream of `busEvent`s.
 *
 * `read` calls change nothing; their requests must survive a query string, so every field is a
 * string or is coerced from one. `write` calls take a JSON body.
 */
const unixSeconds = z.number().int().nonnegative();
const querySeconds = z.coerce.number().int().nonnegative().max(253_402_300_799, 'must be a time before the year 10000');
const targetName = z.string().min(1).max(64);

/** A decimal number in a query string, e.g. 99.5. */
function decimal(min: number, max: number, what: string) {
  return z
    .string()
    .regex(/^\d+(\.\d+)?$/, `must be a number, ${what}`)
    .transform(Number)
    .pipe(z.number().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`));
}

export const apiErrorCode = z.enum([
  /** The request is not one this call takes; the message names the field. */
  'bad-request',
  /** The target, outage or path does not exist. */
  'not-found',
  /** A token is needed, or the wrong one was given, or the request came from another site. */
  'forbidden',
  /** Too much is being done already; try again shortly. */
  'busy',
  /** The call cannot be served by this face (a daemon started from flags has no file to save settings to). */
  'unavailable',
  /** A fault of ours; the log has the details. */
  'internal',
]);
export type ApiErrorCode = z.infer<typeof apiErrorCode>;

export const apiError = z.strictObject({ code: apiErrorCode, message: z.string().max(2_000) });
export type ApiError = z.infer<typeof apiError>;

/** The envelope for one call's value. */
export function apiResult<V extends z.ZodType>(value: V) {
  return z.discriminatedUnion('ok', [z.strictObject({ ok: z.literal(true), value }), z.strictObject({ ok: z.literal(false), error: apiError })]);
}
export type ApiResult<V> = { ok: true; value: V } | { ok: false; error: ApiError };

/** A refusal any face can throw from a handler; the transport turns it into the error envelope. */
export class ApiFailure extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
  ) {
    super(message);
  }
}

// ---- status ---------------------------------------------------------------------------------

export const targetStatus = z.strictObject({
  name: z.string(),
  address: z.string(),
  /** updown: a watched target; link: a failover link. */
  kind: z.enum(['updown', 'link']),
  state: targetState,
  /** When the state began; null while unknown. */
  since: unixSeconds.nullable(),
  /** The open outage, if the target is down. */
  outage: z.strictObject({ start: unixSeconds, cause: outageCause.nullable() }).nullable(),
  /** Outages that began today (local time of the daemon), the open one included. */
  outagesToday: z.number().int().nonnegative(),
});
export type TargetStatus = z.infer<typeof targetStatus>;

export const pauseState = z.strictObject({ since: unixSeconds, until: unixSeconds.nullable(), reason: z.string() });

export const statusValue = z.strictObject({
  now: unixSeconds,
  instance: z.string(),
  /** The daemon's zone, in which "today" and the calendar are counted. */
  zone: z.string(),
  targets: z.array(targetStatus),
  paused: pauseState.nullable(),
  /** How probes are made, or why they cannot be, in words. */
  probing: z.strictObject({ ok: z.boolean(), detail: z.string() }),
  /** The monitors running now. */
  monitors: z.array(z.enum(['updown', 'ping', 'ddns', 'failover'])),
  /** The last external address ddns saw, if it runs. */
  ip: z.strictObject({ address: z.string(), since: unixSeconds }).nullable(),
});
export type StatusValue = z.infer<typeof statusValue>;

// ---- samples, history, one outage -----------------------------------------------------------

/** The last `minutes` of probes of each updown target (or one), for the live chart. */
export const samplesRequest = z.strictObject({ target: targetName.optional(), minutes: z.coerce.number().int().min(1).max(1_440).default(60) });
export const samplesValue = z.strictObject({
  targets: z.array(
    z.strictObject({
      name: z.string(),
      /** Probe times in ms and their round trips; null: no answer. Oldest first. */
      at_ms: z.array(z.number()),
      rtt_ms: z.array(z.number().nullable()),
    }),
  ),
});

export const historyRequest = z
  .strictObject({ from: querySeconds, to: querySeconds, target: targetName.optional() })
  .refine((r) => r.to > r.from, { message: 'must be after from', path: ['to'] })
  .refine((r) => r.to - r.from <= 25 * 366 * 86_400, { message: 'a range can span at most 25 years', path: ['to'] });

export const historyOutage = z.strictObject({
  target: z.string(),
  start: unixSeconds,
  /** null: still open. */
  end: unixSeconds.nullable(),
  duration_s: z.number().nonnegative(),
  cause: outageCause.nullable(),
});
export const degradedPeriod = z.strictObject({
  target: z.string(),
  start: unixSeconds,
  end: unixSeconds.nullable(),
  /** What was measured over the period: loss in percent, median round trip and its baseline in ms. */
  loss_pct: z.number().nonnegative().nullable(),
  median_rtt_ms: z.number().nonnegative().nullable(),
  baseline_rtt_ms: z.number().nonnegative().nullable(),
  reason: z.string(),
});
export const historyValue = z.strictObject({
  from: unixSeconds,
  to: unixSeconds,
  zone: z.string(),
  targets: z.array(z.strictObject({ name: z.string(), uptime_s: z.number(), downtime_s: z.number(), unmonitored_s: z.number() })),
  outages: z.array(historyOutage),
  degraded: z.array(degradedPeriod),
  /** Time not monitored: paused, stopped, asleep. */
  unmonitored: z.array(z.strictObject({ target: z.string(), start: unixSeconds, end: unixSeconds })),
  /** Downtime per local calendar day of the range, every target summed, for the heat-map. */
  days: z.array(z.strictObject({ day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), downtime_s: z.number().nonnegative(), outages: z.number().int().nonnegative() })),
});
export type HistoryValue = z.infer<typeof historyValue>;

export const outageRequest = z.strictObject({ target: targetName, start: querySeconds });
export const outageValue = z.strictObject({
  outage: historyOutage,
  /** What was found when it began: the first failure, the gateway, DNS, addping. null when no journal entry was written. */
  evidence: startEvidence.nullable(),
  /** The four bounds in ms; null while open or when not journalled. */
  bounds: outageBounds.nullable(),
  /** The addping answers at its end. */
  addping_after: z.array(addressFact),
  /** How many seconds its start and end could each be off, from the bounds. */
  uncertainty_s: z.strictObject({ start: z.number().nonnegative().nullable(), end: z.number().nonnegative().nullable() }),
});
export type OutageValue = z.infer<typeof outageValue>;

// ---- settings, pause ------------------------------------------------------------------------

export const settingsValue = z.strictObject({
  config: nomConfig,
  /** Where a save writes; null when the daemon was started from flags (nothing to save to). */
  path: z.string().nullable(),
  dataDir: z.string(),
});
/** `config` is checked by the handler against the schema, so that its issues come back by field rather than as a refused request. */
export const settingsRequest = z.strictObject({ config: z.unknown() });
export const settingsIssue = z.strictObject({ path: z.array(z.union([z.string(), z.number()])), message: z.string() });
export const validateValue = z.strictObject({ issues: z.array(settingsIssue) });
export const saveValue = z.strictObject({
  issues: z.array(settingsIssue),
  /** The monitors restarted to apply it; empty when nothing changed or it was refused. */
  restarted: z.array(z.string()),
  saved: z.boolean(),
});
export type SettingsIssue = z.infer<typeof settingsIssue>;

export const pauseRequest = z.strictObject({
  /** 15 or 60; null: until resumed. */
  minutes: z.union([z.literal(15), z.literal(60), z.null()]),
  reason: z.string().max(200).default('paused by the user'),
});
export const emptyRequest = z.strictObject({});

// ---- the report (the existing engine) -------------------------------------------------------

/** GET /api/report: the same choices as `nom report`'s flags, by the same names without the dashes. */
export const reportQuerySchema = z.strictObject({
  format: z.enum(REPORT_FORMATS).default('html'),
  target: z.string().min(1).max(255).optional(),
  from: z.string().max(64).optional(),
  to: z.string().max(64).optional(),
  tz: z.string().max(64).optional(),
  sla: decimal(0.001, 100, 'the contracted availability in percent such as 99.5').optional(),
  'sla-hours': z.string().max(64).optional(),
  'sla-min-outage': decimal(0, 86_400, 'seconds').optional(),
});

/** The folders a report can name as its target. */
export const targetsValue = z.strictObject({ targets: z.array(z.strictObject({ name: z.string() })) });

// ---- the map --------------------------------------------------------------------------------

/**
 * Every call. `read`: GET /api/NAME?query (changes nothing); `write`: POST /api/NAME with a JSON
 * body, refused from another origin; `download`: GET, the answer is a file; `stream`: GET, Server-Sent
 * Events, each `data:` one busEvent.
 */
export const apiCalls = {
  status: { kind: 'read', request: emptyRequest, value: statusValue },
  samples: { kind: 'read', request: samplesRequest, value: samplesValue },
  history: { kind: 'read', request: historyRequest, value: historyValue },
  outage: { kind: 'read', request: outageRequest, value: outageValue },
  targets: { kind: 'read', request: emptyRequest, value: targetsValue },
  settings: { kind: 'read', request: emptyRequest, value: settingsValue },
  'settings-validate': { kind: 'write', request: settingsRequest, value: validateValue },
  'settings-save': { kind: 'write', request: settingsRequest, value: saveValue },
  pause: { kind: 'write', request: pauseRequest, value: statusValue },
  resume: { kind: 'write', request: emptyRequest, value: statusValue },
  report: { kind: 'download', request: reportQuerySchema, value: z.instanceof(Uint8Array) },
  events: { kind: 'stream', request: emptyRequest, value: busEvent },
} as const;

export type ApiCalls = typeof apiCalls;
export type ApiCallName = keyof ApiCalls;
/** Calls answered with an envelope. */
export type ApiValueCall = { [K in ApiCallName]: ApiCalls[K]['kind'] extends 'read' | 'write' ? K : never }[ApiCallName];
export type ApiRequest<K extends ApiCallName> = z.input<ApiCalls[K]['request']>;
export type ApiParsedRequest<K extends ApiCallName> = z.output<ApiCalls[K]['request']>;
export type ApiValue<K extends ApiCallName> = z.output<ApiCalls[K]['value']>;

/** What a face implements: one handler per enveloped call, given the parsed request. Throw ApiFailure to refuse. */
export type ApiHandlers = { [K in ApiValueCall]: (request: ApiParsedRequest<K>) => Promise<ApiValue<K>> };

export function apiPath(name: ApiCallName): string {
  return `/api/${name}`;
}

/** One line for the first thing wrong with a request, naming the field. */
export function describeQueryIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'bad request';
  if (issue.code === 'unrecognized_keys') return `unknown parameter "${issue.keys[0] ?? ''}"`;
  const name = issue.path.join('.');
  return name === '' ? issue.message : `${name}: ${issue.message}`;
}
