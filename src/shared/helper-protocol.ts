import { z } from 'zod';
import { IPV6_ZONE, LINK_INTERFACE, MAX_ECHO_PAYLOAD, MAX_ECHO_TIMEOUT_MS, MIN_ECHO_PAYLOAD } from './helper-lines.js';

/**
 * The privileged helper's protocol: JSON, one message per line, on the helper's stdin (requests)
 * and stdout (everything else). One definition for both sides, and both validate what they
 * receive: the helper runs with privileges and trusts no request; the app trusts no answer.
 *
 * Helper → parent: first exactly one `ready` (or `failed`, then the helper exits), then one
 * `reply` per request, in any order, matched by `id`. A reply's `value` depends on the request's
 * type: `helperCalls[type].value` says what it must be.
 *
 * Its limits and its framing into lines are in helper-lines.ts, which the helper loads without zod.
 */

/** Built once: every echo and every reply checks an address, and building a schema costs ten times checking one. */
const ipv4Text = z.ipv4();
const ipv6Text = z.ipv6();

/** An IPv4 or IPv6 literal; IPv6 may name its zone (`fe80::1%eth0`) so link-local gateways can be probed. */
export const ipAddress = z
  .string()
  .max(64)
  .refine((text) => {
    if (ipv4Text.safeParse(text).success) return true;
    const [base = '', zone, extra] = text.split('%');
    if (extra !== undefined || (zone !== undefined && !IPV6_ZONE.test(zone))) return false;
    return ipv6Text.safeParse(base).success;
  }, 'not an IPv4 or IPv6 address');

export const requestId = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);

export const linkInterface = z.string().regex(LINK_INTERFACE, 'not an interface name');

export const echoRequest = z.strictObject({
  id: requestId,
  type: z.literal('echo'),
  address: ipAddress,
  timeoutMs: z.number().int().min(1).max(MAX_ECHO_TIMEOUT_MS),
  payloadSize: z.number().int().min(MIN_ECHO_PAYLOAD).max(MAX_ECHO_PAYLOAD).optional(),
  /** Send through this failover link whatever the default route says (only a link the helper was started with). */
  interface: linkInterface.optional(),
});

/** What came of one echo. `local`: our side could not send (errno code); `unreachable`: an ICMP error came back. */
export const echoValue = z.discriminatedUnion('status', [
  z.strictObject({ status: z.literal('reply'), rttMs: z.number().nonnegative(), from: ipAddress }),
  z.strictObject({ status: z.literal('timeout') }),
  z.strictObject({
    status: z.literal('unreachable'),
    from: ipAddress,
    icmpType: z.number().int().min(0).max(255),
    icmpCode: z.number().int().min(0).max(255),
    detail: z.string().max(200),
  }),
  z.strictObject({ status: z.literal('local'), code: z.string().regex(/^E[A-Z0-9]+$/), detail: z.string().max(200) }),
]);

/** One IPv4 default route of the main table, as `ip -json route` shows it. */
export const defaultRoute = z.strictObject({
  gateway: z.ipv4().nullable(),
  /** null for a route with no device (blackhole, unreachable). */
  interface: z.string().max(15).nullable(),
  metric: z.number().int().nonnegative().max(4_294_967_295),
});

const defaultRoutes = z.array(defaultRoute).max(64);

/** Reads the IPv4 default routes of the main table. */
export const routeGetRequest = z.strictObject({ id: requestId, type: z.literal('route-get') });
export const routeGetValue = z.strictObject({ routes: defaultRoutes });

/**
 * Makes `default via gateway dev interface metric metric` the route that wins: replaces the one
 * with that metric, removes other default routes on the helper's links, then reads the table back.
 */
export const routeSetDefaultRequest = z.strictObject({
  id: requestId,
  type: z.literal('route-set-default'),
  interface: linkInterface,
  gateway: z.ipv4(),
  metric: z.number().int().nonnegative().max(4_294_967_295),
});
export const routeSetDefaultValue = z.strictObject({
  /** The route read back is there and no other default route beats it. */
  verified: z.boolean(),
  routes: defaultRoutes,
  detail: z.string().max(500),
});

/** Makes sure echoes to `target` sent through a link work whatever the default route says (the link's own table and rules; see routes.ts). */
export const routeLinkRequest = z.strictObject({
  id: requestId,
  type: z.literal('route-link'),
  interface: linkInterface,
  gateway: z.ipv4(),
  target: z.ipv4(),
});
export const routeLinkValue = z.strictObject({ table: z.number().int().positive() });

/** Every call: its request and the value of its successful reply. */
export const helperCalls = {
  echo: { request: echoRequest, value: echoValue },
  'route-get': { request: routeGetRequest, value: routeGetValue },
  'route-set-default': { request: routeSetDefaultRequest, value: routeSetDefaultValue },
  'route-link': { request: routeLinkRequest, value: routeLinkValue },
} as const;

export type HelperCallType = keyof typeof helperCalls;

export const helperRequest = z.discriminatedUnion('type', [echoRequest, routeGetRequest, routeSetDefaultRequest, routeLinkRequest]);

export const helperErrorCode = z.enum([
  /** Not JSON, unknown type, a missing or out-of-range field. */
  'bad-request',
  /** A request id already in flight. */
  'duplicate-id',
  /** The helper could not open a socket for this address family. */
  'unsupported-family',
  /** Too many requests in flight. */
  'overloaded',
  /** A route call or link echo for a link the helper was not started with. */
  'forbidden',
  /** `ip` refused a route change or could not be run. */
  'route-failed',
  'internal',
]);

export const helperError = z.strictObject({ code: helperErrorCode, message: z.string().max(500) });

const okReply = z.strictObject({ type: z.literal('reply'), id: requestId, ok: z.literal(true), value: z.unknown() });
/** `id` is null when the request was too broken to read one. */
const errorReply = z.strictObject({ type: z.literal('reply'), id: requestId.nullable(), ok: z.literal(false), error: helperError });

export const ipFamily = z.enum(['ipv4', 'ipv6']);

export const helperReady = z.strictObject({
  type: z.literal('ready'),
  protocol: z.number().int(),
  families: z.array(ipFamily).min(1).max(2),
  /** The failover links this helper may route through (`--route-link`), in the order given; none when absent. */
  routeLinks: z.array(z.strictObject({ interface: linkInterface, gateway: z.ipv4() })).max(2).optional(),
});

/** The helper cannot work at all (typically EPERM: no raw sockets without privileges); it exits after this. */
export const helperFailed = z.strictObject({
  type: z.literal('failed'),
  error: z.strictObject({ code: z.string().max(40), message: z.string().max(500) }),
});

export const helperMessage = z.discriminatedUnion('type', [
  helperReady,
  helperFailed,
  z.discriminatedUnion('ok', [okReply, errorReply]),
]);

export type IpFamily = z.infer<typeof ipFamily>;
export type EchoRequest = z.infer<typeof echoRequest>;
export type EchoValue = z.infer<typeof echoValue>;
export type HelperRequest = z.infer<typeof helperRequest>;
export type DefaultRoute = z.infer<typeof defaultRoute>;
export type RouteRequest = Exclude<HelperRequest, EchoRequest>;
export type RouteGetValue = z.infer<typeof routeGetValue>;
export type RouteSetDefaultValue = z.infer<typeof routeSetDefaultValue>;
export type RouteLinkValue = z.infer<typeof routeLinkValue>;
export type HelperErrorCode = z.infer<typeof helperErrorCode>;
export type HelperError = z.infer<typeof helperError>;
export type HelperReady = z.infer<typeof helperReady>;
export type HelperFailed = z.infer<typeof helperFailed>;
export type HelperMessage = z.infer<typeof helperMessage>;
export type HelperReply = Extract<HelperMessage, { type: 'reply' }>;
