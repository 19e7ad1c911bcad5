import dnsPacket from 'dns-packet';
import type { Answer } from 'dns-packet';
import { isIPv4 } from 'node:net';

/** Hostname (any case, trailing dot optional) to the IPv4 address the lab's DNS server gives for it. */
export type DnsAnswers = Readonly<Record<string, string>>;

const HEADER_BYTES = 12;
/** Plain DNS over UDP without EDNS: anything longer is not a query this server asked for. */
const MAX_QUERY_BYTES = 512;
const OPCODE_QUERY = 0;
const RCODE_NXDOMAIN = 3;
const TTL_SECONDS = 60;
const HOSTNAME = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/;

/** Answers may only point inside the lab, so no test can aim a probe at a real host by accident. */
const LAB_SAFE_V4 = [/^192\.0\.2\.\d+$/, /^198\.51\.100\.\d+$/, /^203\.0\.113\.\d+$/, /^127\.\d+\.\d+\.\d+$/];

function normalise(name: string): string {
  return name.toLowerCase().replace(/\.$/, '');
}

/** Checks and normalises an answer map; throws naming every bad entry at once. */
export function validateAnswers(input: unknown): Map<string, string> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new Error('answers must be an object of hostname -> IPv4 address');
  }
  const problems: string[] = [];
  const answers = new Map<string, string>();
  for (const [rawName, address] of Object.entries(input)) {
    const name = normalise(rawName);
    if (!HOSTNAME.test(name)) problems.push(`"${rawName}" is not a hostname`);
    else if (typeof address !== 'string' || !isIPv4(address)) problems.push(`${rawName}: ${String(address)} is not an IPv4 address`);
    else if (!LAB_SAFE_V4.some((range) => range.test(address))) problems.push(`${rawName}: ${address} is outside the documentation ranges and loopback`);
    else answers.set(name, address);
  }
  if (problems.length > 0) throw new Error(`bad DNS answers: ${problems.join('; ')}`);
  return answers;
}

/**
 * The reply to one datagram, or null to stay silent. Silence is the answer to anything that is not
 * a well-formed standard query with exactly one question: a server that replies to garbage can be
 * made to reflect it.
 */
export function answerQuery(datagram: Buffer, answers: ReadonlyMap<string, string>): Buffer | null {
  if (datagram.length < HEADER_BYTES || datagram.length > MAX_QUERY_BYTES) return null;
  const flags = datagram.readUInt16BE(2);
  if (flags & 0x8000 || ((flags >> 11) & 0xf) !== OPCODE_QUERY) return null;

  let query: dnsPacket.DecodedPacket;
  try {
    query = dnsPacket.decode(datagram);
  } catch {
    return null;
  }
  const question = query.questions?.[0];
  if (query.questions?.length !== 1 || question === undefined || question.class !== 'IN') return null;
  if ((query.answers?.length ?? 0) > 0 || (query.authorities?.length ?? 0) > 0) return null;

  const address = answers.get(normalise(question.name));
  const records: Answer[] =
    address !== undefined && question.type === 'A'
      ? [{ type: 'A', class: 'IN', name: question.name, ttl: TTL_SECONDS, data: address }]
      : [];
  const rd = query.flag_rd ? dnsPacket.RECURSION_DESIRED : 0;
  // A known name asked for another type gets NOERROR with no records (NODATA), like a real zone.
  const rcode = address === undefined ? RCODE_NXDOMAIN : 0;
  return dnsPacket.encode({
    type: 'response',
    id: query.id ?? 0,
    flags: dnsPacket.AUTHORITATIVE_ANSWER | rd | rcode,
    questions: [question],
    answers: records,
  });
}
