import { IPV6_ZONE, LINK_INTERFACE, MAX_ECHO_PAYLOAD, MAX_ECHO_TIMEOUT_MS, MIN_ECHO_PAYLOAD } from './helper-lines.js';
import type { EchoRequest, EchoValue, HelperMessage } from './helper-protocol.js';

/**
 * Quick readers for the messages that cross the helper's pipe once per target per second: an
 * echo request, and its successful reply (envelope, then value). Each vouches only for what it
 * is sure its schema in helper-protocol.ts accepts, and reads it as the schema would; anything
 * else (an unknown field, a bad value, an IPv6 address with a dotted quad in it) gets undefined,
 * and the schema decides. test/helper/quick-read.test.ts holds them to that. They spare the
 * schema library's work on every probe, and let the helper run without loading it at all
 * (helper-lines.ts). Their input is a value from JSON.parse.
 */

export type OkReply = Extract<HelperMessage, { type: 'reply'; ok: true }>;

/** A dotted quad without leading zeros: what zod's `z.ipv4()` accepts. */
const IPV4_TEXT = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]\d|\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]\d|\d)$/;
const HEX_GROUP = /^[0-9a-fA-F]{1,4}$/;
const ECHO_REQUEST_FIELDS: ReadonlySet<string> = new Set(['id', 'type', 'address', 'timeoutMs', 'payloadSize', 'interface']);
const OK_REPLY_FIELDS: ReadonlySet<string> = new Set(['type', 'id', 'ok', 'value']);
const REPLY_VALUE_FIELDS: ReadonlySet<string> = new Set(['status', 'rttMs', 'from']);
const TIMEOUT_FIELDS: ReadonlySet<string> = new Set(['status']);

/** The schema's `echoRequest`. */
export function readEchoRequest(json: unknown): EchoRequest | undefined {
  if (!isRecord(json) || !hasOnly(json, ECHO_REQUEST_FIELDS)) return undefined;
  const { id, type, address, timeoutMs, payloadSize, interface: link } = json;
  if (type !== 'echo' || !isWhole(id, 0, Number.MAX_SAFE_INTEGER) || !isWhole(timeoutMs, 1, MAX_ECHO_TIMEOUT_MS)) return undefined;
  if (typeof address !== 'string' || !isAddressText(address)) return undefined;
  if (payloadSize !== undefined && !isWhole(payloadSize, MIN_ECHO_PAYLOAD, MAX_ECHO_PAYLOAD)) return undefined;
  if (link !== undefined && (typeof link !== 'string' || !LINK_INTERFACE.test(link))) return undefined;
  // Every field it has was just checked, and it has no other: it is the request as it stands.
  return json as EchoRequest;
}

/** The schema's `helperMessage`, for a successful reply: its value is the call's to check. */
export function readOkReply(json: unknown): OkReply | undefined {
  if (!isRecord(json) || !hasOnly(json, OK_REPLY_FIELDS) || !Object.hasOwn(json, 'value')) return undefined;
  const { type, id, ok } = json;
  if (type !== 'reply' || ok !== true || !isWhole(id, 0, Number.MAX_SAFE_INTEGER)) return undefined;
  return json as OkReply;
}

/** The schema's `echoValue`, for a reply or a timeout (the rarer outcomes are left to it). */
export function readEchoValue(json: unknown): EchoValue | undefined {
  if (!isRecord(json)) return undefined;
  if (json.status === 'timeout') return hasOnly(json, TIMEOUT_FIELDS) ? (json as EchoValue) : undefined;
  const { status, rttMs, from } = json;
  if (status !== 'reply' || !hasOnly(json, REPLY_VALUE_FIELDS) || typeof rttMs !== 'number' || !(rttMs >= 0) || !Number.isFinite(rttMs)) return undefined;
  return typeof from === 'string' && isAddressText(from) ? (json as EchoValue) : undefined;
}

/** The schema's `ipAddress`, but for IPv6 only in plain hex groups. */
function isAddressText(text: string): boolean {
  return IPV4_TEXT.test(text) || isPlainIpv6(text);
}

/** Eight groups of hex digits, or fewer around one `::`, with an optional zone. */
function isPlainIpv6(text: string): boolean {
  if (text.length > 64) return false;
  const [address = '', zone, extra] = text.split('%');
  if (extra !== undefined || (zone !== undefined && !IPV6_ZONE.test(zone))) return false;
  const halves = address.split('::');
  if (halves.length > 2) return false;
  let groups = 0;
  for (const half of halves) {
    if (half === '') continue;
    for (const group of half.split(':')) {
      if (!HEX_GROUP.test(group)) return false;
      groups++;
    }
  }
  return halves.length === 1 ? groups === 8 : groups <= 7;
}

function isRecord(json: unknown): json is Partial<Record<string, unknown>> {
  return typeof json === 'object' && json !== null && !Array.isArray(json);
}

/**
 * No field but these (the schemas are strict). for…in makes no array of the keys, as Object.keys
 * would for every message; it also sees what the object inherits, which for JSON.parse's objects
 * is nothing: should anything ever be added there, these readers vouch for less, never for more.
 */
function hasOnly(json: object, fields: ReadonlySet<string>): boolean {
  for (const key in json) if (!fields.has(key)) return false;
  return true;
}

function isWhole(value: unknown, min: number, max: number): value is number {
  return Number.isSafeInteger(value) && (value as number) >= min && (value as number) <= max;
}
