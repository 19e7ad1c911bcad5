import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LineSplitter, MAX_LINE_LENGTH } from '../../src/shared/helper-lines.js';
import { echoValue, helperMessage, helperRequest } from '../../src/shared/helper-protocol.js';

const echo = { id: 1, type: 'echo', address: '198.51.100.7', timeoutMs: 1_000 };

describe('helper protocol: requests', () => {
  it('accepts echo requests to IPv4 and IPv6 literals, with an optional payload size', () => {
    for (const request of [
      echo,
      { ...echo, address: '2001:db8::1' },
      { ...echo, address: 'fe80::1%eth0' },
      { ...echo, id: 0, timeoutMs: 1, payloadSize: 8 },
      { ...echo, timeoutMs: 60_000, payloadSize: 1400 },
    ]) {
      assert.ok(helperRequest.safeParse(request).success, JSON.stringify(request));
    }
  });

  it('refuses anything else', () => {
    const bad: unknown[] = [
      null,
      [],
      'echo',
      { ...echo, type: 'set-route' },
      { ...echo, id: undefined },
      { ...echo, id: -1 },
      { ...echo, id: 1.5 },
      { ...echo, id: '1' },
      { ...echo, address: 'example.com' },
      { ...echo, address: '198.51.100.256' },
      { ...echo, address: '01.2.3.4' },
      { ...echo, address: '198.51.100.7%eth0' },
      { ...echo, address: 'fe80::1%eth0%x' },
      { ...echo, address: 'fe80::1%$(reboot)' },
      { ...echo, timeoutMs: 0 },
      { ...echo, timeoutMs: 60_001 },
      { ...echo, timeoutMs: 10.5 },
      { ...echo, timeoutMs: undefined },
      { ...echo, payloadSize: 7 },
      { ...echo, payloadSize: 65_000 },
      { ...echo, extra: 'field' },
    ];
    for (const request of bad) assert.equal(helperRequest.safeParse(request).success, false, JSON.stringify(request));
  });
});

describe('helper protocol: what the helper says', () => {
  it('accepts ready, failed and reply envelopes', () => {
    for (const message of [
      { type: 'ready', protocol: 1, families: ['ipv4', 'ipv6'] },
      { type: 'ready', protocol: 1, families: ['ipv6'] },
      { type: 'failed', error: { code: 'EPERM', message: 'raw ICMP socket: Operation not permitted' } },
      { type: 'reply', id: 3, ok: true, value: { status: 'timeout' } },
      { type: 'reply', id: 3, ok: false, error: { code: 'bad-request', message: 'timeoutMs: too big' } },
      { type: 'reply', id: null, ok: false, error: { code: 'bad-request', message: 'not JSON' } },
    ]) {
      assert.ok(helperMessage.safeParse(message).success, JSON.stringify(message));
    }
  });

  it('refuses malformed messages', () => {
    for (const message of [
      { type: 'ready', protocol: 1, families: [] },
      { type: 'ready', protocol: 1, families: ['ipx'] },
      { type: 'reply', id: null, ok: true, value: { status: 'timeout' } },
      { type: 'reply', id: 3, ok: false, error: { code: 'made-up', message: '' } },
      { type: 'reply', id: 3, ok: 'yes', value: {} },
      { type: 'reply', id: 3, ok: true },
      { type: 'hello' },
      { id: 3, ok: true, value: { status: 'timeout' } },
    ]) {
      assert.equal(helperMessage.safeParse(message).success, false, JSON.stringify(message));
    }
  });

  it('knows the four outcomes of an echo and nothing else', () => {
    for (const value of [
      { status: 'reply', rttMs: 0.25, from: '198.51.100.7' },
      { status: 'timeout' },
      { status: 'unreachable', from: '192.0.2.1', icmpType: 3, icmpCode: 0, detail: 'net unreachable' },
      { status: 'local', code: 'ENETUNREACH', detail: 'Network is unreachable' },
    ]) {
      assert.ok(echoValue.safeParse(value).success, JSON.stringify(value));
    }
    for (const value of [
      { status: 'reply', rttMs: -1, from: '198.51.100.7' },
      { status: 'reply', rttMs: 1, from: 'somewhere' },
      { status: 'reply', rttMs: 'fast', from: '198.51.100.7' },
      { status: 'unreachable', from: '192.0.2.1', icmpType: 300, icmpCode: 0, detail: 'x' },
      { status: 'local', code: 'network down', detail: 'x' },
      { status: 'lost' },
    ]) {
      assert.equal(echoValue.safeParse(value).success, false, JSON.stringify(value));
    }
  });
});

describe('LineSplitter', () => {
  function split(chunks: string[]): { lines: string[]; overlong: string[] } {
    const lines: string[] = [];
    const overlong: string[] = [];
    const splitter = new LineSplitter(
      (line) => lines.push(line),
      (start) => overlong.push(start),
    );
    for (const chunk of chunks) splitter.push(chunk);
    return { lines, overlong };
  }

  it('joins lines split across chunks and splits chunks holding several lines', () => {
    assert.deepEqual(split(['{"a":', '1}\n{"b"', ':2}\r\n{"c":3}\n{"d"']).lines, ['{"a":1}', '{"b":2}', '{"c":3}']);
  });

  it('drops an overlong line as it streams in, and carries on with the next', () => {
    const long = 'x'.repeat(MAX_LINE_LENGTH + 10);
    const { lines, overlong } = split([long.slice(0, 3000), long.slice(3000), long.slice(0, 10), '\nok\n', `${long}\nafter\n`]);
    assert.deepEqual(lines, ['ok', 'after']);
    assert.equal(overlong.length, 2);
  });
});
