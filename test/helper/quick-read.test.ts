import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { z } from 'zod';
import { echoValue, helperMessage, helperRequest } from '../../src/shared/helper-protocol.js';
import { readEchoRequest, readEchoValue, readOkReply } from '../../src/shared/helper-quick-read.js';

/** As the other side gets it: through JSON. */
const wire = (value: unknown): unknown => JSON.parse(JSON.stringify(value)) as unknown;

/** A small seeded generator (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

function pick<T>(next: () => number, values: readonly T[]): T {
  return values[Math.floor(next() * values.length)]!;
}

/**
 * The property every quick reader must have: whatever it vouches for, its schema accepts, and
 * reads the same. Returns whether it vouched.
 */
function assertSound(read: (json: unknown) => unknown, schema: z.ZodType, value: unknown): boolean {
  const json = wire(value);
  const quick = read(json);
  if (quick === undefined) return false;
  const full = schema.safeParse(json);
  assert.ok(full.success, `vouched for what the schema refuses: ${JSON.stringify(json)}`);
  assert.deepEqual(quick, full.data, JSON.stringify(json));
  return true;
}

/** Mixes of good and bad field values, mostly the first (good) one so that many pass. */
function* mixes(fields: Record<string, unknown[]>, seed: number, count: number): Generator<Record<string, unknown>> {
  const next = random(seed);
  for (let i = 0; i < count; i++) {
    const value: Record<string, unknown> = {};
    for (const [field, values] of Object.entries(fields)) {
      // Now and then a field is missing altogether, or one is added that the schema does not know.
      if (next() < 0.05) continue;
      const chosen = next() < 0.6 ? values[0] : pick(next, values);
      if (chosen !== undefined) value[field] = chosen;
    }
    if (next() < 0.05) value.extra = pick(next, ['', 0, null]);
    yield value;
  }
}

const ADDRESSES: unknown[] = [
  '198.51.100.7', '0.0.0.0', '255.255.255.255', '127.0.0.1', '256.1.1.1', '1.2.3', '1.2.3.4.5', '01.2.3.4', '1.2.3.04', ' 1.2.3.4',
  '1.2.3.4 ', '1.2.3.4\n', '1.2.3.4%eth0', '١.٢.٣.٤', '2001:db8::1', 'fe80::1%eth0', '::ffff:1.2.3.4', '::', ':::', '1::2::3',
  '1:2:3:4:5:6:7:8::', 'fe80::1%', 'fe80::1%eth0%x', 'fe80::1%$(reboot)', '12345::1', 'g::1', '', 'example.com', 4, null,
];
const IDS: unknown[] = [7, 0, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER + 1, -1, 1.5, '1', null, true, 1e21];
const NOT_OBJECTS: unknown[] = [null, [], 'echo', 7, true];

const request = { id: 7, type: 'echo', address: '198.51.100.7', timeoutMs: 250 };
const REQUEST_FIELDS: Record<string, unknown[]> = {
  id: IDS,
  type: ['echo', 'route-get', 'Echo', 'echo ', 1, null],
  address: ADDRESSES,
  timeoutMs: [250, 1, 60_000, 0, 60_001, 1.5, -1, '250', null],
  payloadSize: [undefined, 8, 56, 1400, 7, 1401, 8.5, '56', null],
  interface: [undefined, 'eth0', 'wan0@x', 'a'.repeat(15), 'a'.repeat(16), '-x', 'e th', 'eth:0', '', null],
};

const reply = { type: 'reply', id: 7, ok: true, value: { status: 'reply', rttMs: 0.5, from: '198.51.100.7' } };
const REPLY_FIELDS: Record<string, unknown[]> = {
  type: ['reply', 'ready', 'Reply', null],
  id: IDS,
  ok: [true, false, 'true', 1, null],
  value: [reply.value, { status: 'timeout' }, null, 0, 'x', []],
};
const VALUE_FIELDS: Record<string, unknown[]> = {
  status: ['reply', 'timeout', 'unreachable', 'local', 'Reply', null],
  rttMs: [0.5, 0, 1e6, -0.1, -1, '0.5', null],
  from: ADDRESSES,
};

describe('the quick reader of echo requests (the helper)', () => {
  const sound = (value: unknown) => assertSound(readEchoRequest, helperRequest, value);

  it('vouches for the echo requests the app sends', () => {
    for (const value of [
      request,
      { ...request, id: 0, timeoutMs: 1 },
      { ...request, id: Number.MAX_SAFE_INTEGER, timeoutMs: 60_000 },
      { ...request, payloadSize: 56 },
      { ...request, address: '203.0.113.1', interface: 'wan0' },
      { ...request, address: '2001:db8::7' },
      { ...request, address: 'fe80::1%eth0' },
      { ...request, address: '::1' },
      { ...request, address: '2001:DB8:0:0:0:0:0:7' },
    ]) {
      assert.equal(sound(value), true, JSON.stringify(value));
    }
  });

  it('vouches only for what the schema accepts: each field, and twenty thousand mixes', () => {
    for (const [field, values] of Object.entries(REQUEST_FIELDS)) {
      for (const value of values) {
        const changed: Record<string, unknown> = { ...request, [field]: value };
        if (value === undefined) delete changed[field];
        sound(changed);
      }
    }
    for (const value of [...NOT_OBJECTS, { ...request, extra: 1 }, JSON.parse('{"__proto__":{},"id":7,"type":"echo","address":"1.2.3.4","timeoutMs":9}')]) sound(value);
    let vouched = 0;
    for (const value of mixes(REQUEST_FIELDS, 20_251_123, 20_000)) if (sound(value)) vouched++;
    assert.ok(vouched > 1_000, `only ${vouched} vouched for: the property was hardly exercised`);
  });

  it('vouches only for IPv6 addresses the schema accepts, and for every one without a dotted quad', () => {
    const next = random(6);
    const hex = () => Math.floor(next() * 0x10000).toString(16).slice(0, 1 + Math.floor(next() * 4));
    let vouched = 0;
    for (let i = 0; i < 20_000; i++) {
      // Well formed: eight groups, or fewer around one `::`, now and then with a zone.
      const count = Math.floor(next() * 9);
      const groups = Array.from({ length: count }, hex);
      const at = Math.floor(next() * (count + 1));
      const zone = pick(next, ['', '%eth0', '%1', '%', '%a b', '%x%y']);
      const address = (count === 8 ? groups.join(':') : `${groups.slice(0, at).join(':')}::${groups.slice(at).join(':')}`) + zone;
      const accepted = sound({ ...request, address });
      if (accepted) vouched++;
      if (helperRequest.safeParse({ ...request, address }).success) assert.ok(accepted, `left to the schema: ${address}`);
      // Mangled: any mix of what IPv6 text is made of.
      const length = 1 + Math.floor(next() * 20);
      sound({ ...request, address: Array.from({ length }, () => pick(next, [...'0123456789abcdefABCDEF:::.%'])).join('') });
    }
    assert.ok(vouched > 10_000, `only ${vouched} vouched for`);
  });

  it('reads IPv4 addresses exactly as z.ipv4() does', () => {
    const ipv4 = z.ipv4();
    const agree = (address: string) => assert.equal(readEchoRequest({ ...request, address }) !== undefined, ipv4.safeParse(address).success, JSON.stringify(address));
    for (let n = 0; n < 1000; n++) {
      for (const octet of [String(n), `0${n}`, `00${n}`]) {
        agree(`${octet}.1.2.3`);
        agree(`1.2.3.${octet}`);
      }
    }
    const next = random(4);
    for (let i = 0; i < 20_000; i++) agree(Array.from({ length: 1 + Math.floor(next() * 16) }, () => pick(next, [...'0123456789.'])).join(''));
  });
});

describe('the quick readers of echo replies (the daemon)', () => {
  it('vouch for the replies the helper sends for answered and unanswered echoes', () => {
    for (const value of [reply, { ...reply, id: 0 }, { ...reply, value: { status: 'timeout' } }]) {
      assert.equal(assertSound(readOkReply, helperMessage, value), true, JSON.stringify(value));
    }
    for (const value of [reply.value, { status: 'timeout' }, { status: 'reply', rttMs: 0, from: '::1' }, { status: 'reply', rttMs: 12, from: 'fe80::1%eth0' }]) {
      assert.equal(assertSound(readEchoValue, echoValue, value), true, JSON.stringify(value));
    }
  });

  it('vouch only for what the schemas accept: each field, and twenty thousand mixes', () => {
    for (const [read, schema, base, fields] of [
      [readOkReply, helperMessage, reply, REPLY_FIELDS],
      [readEchoValue, echoValue, reply.value, VALUE_FIELDS],
    ] as const) {
      for (const [field, values] of Object.entries(fields)) for (const value of values) assertSound(read, schema, { ...base, [field]: value });
      for (const value of [...NOT_OBJECTS, { ...base, extra: 1 }, { status: 'timeout', rttMs: 1 }]) assertSound(read, schema, value);
      let vouched = 0;
      for (const value of mixes(fields, 7, 20_000)) if (assertSound(read, schema, value)) vouched++;
      assert.ok(vouched > 1_000, `only ${vouched} vouched for: the property was hardly exercised`);
    }
  });

  it('leave the rarer outcomes and every error reply to the schemas', () => {
    assert.equal(readEchoValue({ status: 'unreachable', from: '198.51.100.1', icmpType: 3, icmpCode: 0, detail: 'net unreachable' }), undefined);
    assert.equal(readEchoValue({ status: 'local', code: 'ENETUNREACH', detail: 'Network is unreachable' }), undefined);
    assert.equal(readOkReply({ type: 'reply', id: 7, ok: false, error: { code: 'bad-request', message: 'x' } }), undefined);
    assert.equal(readOkReply({ type: 'reply', id: 7, ok: true }), undefined);
  });
});
