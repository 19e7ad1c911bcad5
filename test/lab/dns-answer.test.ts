import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import dnsPacket from 'dns-packet';
import type { Packet } from 'dns-packet';
import { answerQuery, validateAnswers } from './dns-answer.js';

const answers = validateAnswers({ 'Example.Test.': '203.0.113.10' });

function query(overrides: Packet = {}): Buffer {
  return dnsPacket.encode({ type: 'query', id: 4242, flags: dnsPacket.RECURSION_DESIRED, questions: [{ type: 'A', name: 'example.test' }], ...overrides });
}

function reply(datagram: Buffer): dnsPacket.DecodedPacket {
  const out = answerQuery(datagram, answers);
  assert.ok(out, 'expected a reply');
  return dnsPacket.decode(out);
}

describe('lab DNS answers', () => {
  it('answers a known name with its A record, echoing id, question and RD', () => {
    const packet = reply(query());
    assert.equal(packet.id, 4242);
    assert.equal(packet.type, 'response');
    assert.equal(packet.flag_aa, true);
    assert.equal(packet.flag_rd, true);
    assert.equal((packet.flags ?? 0) & 0xf, 0);
    assert.deepEqual(packet.questions, [{ type: 'A', class: 'IN', name: 'example.test' }]);
    assert.deepEqual(packet.answers?.map((a) => (a.type === 'A' ? a.data : a.type)), ['203.0.113.10']);
  });

  it('matches names without regard to case or a trailing dot', () => {
    const packet = reply(query({ questions: [{ type: 'A', name: 'EXAMPLE.test.' }] }));
    assert.equal(packet.answers?.length, 1);
  });

  it('says NXDOMAIN for an unknown name and NODATA for another type of a known one', () => {
    assert.equal((reply(query({ questions: [{ type: 'A', name: 'nowhere.test' }] })).flags ?? 0) & 0xf, 3);
    const aaaa = reply(query({ questions: [{ type: 'AAAA', name: 'example.test' }] }));
    assert.equal((aaaa.flags ?? 0) & 0xf, 0);
    assert.deepEqual(aaaa.answers, []);
  });

  it('stays silent for anything that is not one plain query', () => {
    const opcodeStatus = query();
    opcodeStatus.writeUInt16BE(opcodeStatus.readUInt16BE(2) | (2 << 11), 2);
    const silent: [string, Buffer][] = [
      ['empty', Buffer.alloc(0)],
      ['shorter than a header', Buffer.from([1, 2, 3])],
      ['oversized', Buffer.concat([query(), Buffer.alloc(600)])],
      ['a response', dnsPacket.encode({ type: 'response', id: 1, questions: [{ type: 'A', name: 'example.test' }] })],
      ['not a QUERY opcode', opcodeStatus],
      ['no question', query({ questions: [] })],
      ['two questions', query({ questions: [{ type: 'A', name: 'example.test' }, { type: 'A', name: 'example.test' }] })],
      ['class CH', query({ questions: [{ type: 'A', class: 'CH', name: 'example.test' }] })],
      ['truncated question', query().subarray(0, 20)],
      ['header claiming questions it lacks', Buffer.from([0, 1, 0, 0, 0, 9, 0, 0, 0, 0, 0, 0])],
    ];
    for (const [why, datagram] of silent) assert.equal(answerQuery(datagram, answers), null, why);
  });

  it('accepts only hostnames mapped to lab-safe IPv4 addresses, listing every problem', () => {
    assert.throws(
      () => validateAnswers({ 'a.test': '8.8.8.8', 'bad name': '203.0.113.1', 'c.test': 'not-an-ip', 'd.test': 5 }),
      (error: Error) =>
        /a\.test: 8\.8\.8\.8 is outside/.test(error.message) &&
        /"bad name" is not a hostname/.test(error.message) &&
        /c\.test: not-an-ip is not/.test(error.message) &&
        /d\.test: 5 is not/.test(error.message),
    );
    assert.throws(() => validateAnswers(['a']), /must be an object/);
    assert.deepEqual([...validateAnswers({ 'Local.Test': '127.0.0.1' })], [['local.test', '127.0.0.1']]);
  });
});
