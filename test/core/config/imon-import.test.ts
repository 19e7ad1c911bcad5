import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { importImon } from '../../../src/core/config/imon-import.js';
import { UserError } from '../../../src/core/errors.js';
import { DEGRADED_DEFAULTS, nomConfig } from '../../../src/shared/config-schema.js';
import { FIXTURES } from '../../support/fixtures.js';

const fixture = (name: string) => readFileSync(join(FIXTURES, 'imon', name), 'utf8');
const demo = () => JSON.parse(fixture('imon-demo')) as Record<string, Record<string, unknown>>;

function refusal(text: string, file = 'imon-x'): string {
  try {
    importImon(text, file);
  } catch (err) {
    assert.ok(err instanceof UserError, String(err));
    assert.ok(!err.message.includes('\n'), `one line: ${err.message}`);
    assert.ok(err.message.startsWith(`${file}: `), err.message);
    return err.message;
  }
  assert.fail('the import was not refused');
}

describe('nom import imon', () => {
  it('imports the valid fixture completely', () => {
    const { config, notes } = importImon(fixture('imon-demo'), 'imon-demo');
    assert.ok(nomConfig.safeParse(config).success);
    assert.equal(config.instance, 'demo');
    assert.equal(config.note, 'all but failover');
    assert.deepEqual(config.action, { script: '/usr/local/bin/imon-action', timeout: 30 });
    assert.deepEqual(
      { ...config.updown },
      {
        enabled: true,
        interval: 10,
        pingcount: 2,
        pingwait: 1,
        confirm: 8,
        degraded: { ...DEGRADED_DEFAULTS },
        targets: [{ name: '1.1.1.1', address: '1.1.1.1' }],
        addping: ['192.168.92.1', '192.168.1.1'],
        dns: { server: '1.1.1.1', name: 'google.com' },
      },
    );
    assert.equal(config.ddns.enabled, false);
    assert.equal(config.ddns.interval, 10);
    assert.deepEqual({ enabled: config.ping.enabled, targets: config.ping.targets }, { enabled: false, targets: [{ name: '192.168.1.1', address: '192.168.1.1' }] });
    // Disabled but complete: kept, so enabling it is one edit.
    assert.deepEqual(config.failover, {
      enabled: false,
      interval: 1,
      pingcount: 2,
      pingwait: 1,
      preferPrimary: true,
      metric: 201,
      failbackAfter: 30,
      primary: { name: 'net42', interface: 'enxa0cec8003294', gateway: '192.168.42.1', ping: null, postping: null },
      standby: { name: 'net62', interface: 'enxa0cec80380a9', gateway: '192.168.62.1', ping: null, postping: null },
    });
    assert.ok(notes.some((n) => n.includes("imon's interval of 10 s")));
  });

  it('accepts imon quirks: numbers as strings and floats, booleans as strings, addping as a list', () => {
    const imon = demo();
    imon.updown!.interval = '5.5';
    imon.updown!.pingcount = '3';
    imon.updown!.pingwait = 2.0;
    imon.updown!.addping = ['192.0.2.7', ' 192.0.2.8 '];
    imon.failover!['prefer-primary'] = 'false';
    imon.failover!.metric = '300';
    imon.failover!.pingcount = 2.0;
    const { config } = importImon(JSON.stringify(imon), 'x');
    assert.equal(config.updown.interval, 5.5);
    assert.equal(config.updown.pingcount, 3);
    assert.equal(config.updown.pingwait, 2);
    assert.deepEqual(config.updown.addping, ['192.0.2.7', '192.0.2.8']);
    assert.equal(config.failover?.preferPrimary, false);
    assert.equal(config.failover?.metric, 300);
  });

  it('reads empty strings as unset: no action, no DNS check, no addping', () => {
    const imon = demo();
    imon.global!.action = '';
    imon.updown!.addping = '';
    imon.updown!.dnsserver = '';
    imon.updown!.dnslookup = '';
    const { config } = importImon(JSON.stringify(imon), 'x');
    assert.equal(config.action, null);
    assert.deepEqual(config.updown.addping, []);
    assert.equal(config.updown.dns, null);
  });

  it('imports an enabled failover with a note about fail-back', () => {
    const imon = demo();
    imon.failover!.enable = true;
    imon.failover!['primary-ping'] = '198.51.100.1';
    const { config, notes } = importImon(JSON.stringify(imon), 'x');
    assert.equal(config.failover?.enabled, true);
    assert.equal(config.failover?.primary.ping, '198.51.100.1');
    assert.ok(notes.some((n) => n.includes('failbackAfter')));
  });

  it('drops a disabled, incomplete failover section with a note, not an error', () => {
    const imon = demo();
    imon.failover!['standby-gw'] = '';
    const { config, notes } = importImon(JSON.stringify(imon), 'x');
    assert.equal(config.failover, null);
    assert.ok(notes.some((n) => n.includes('failover: disabled and incomplete')));
  });

  it('refuses bad JSON', () => {
    assert.match(refusal(fixture('imon-bad-syntax'), 'imon-bad-syntax'), /^imon-bad-syntax: not valid JSON/);
  });

  it('refuses the broken failover fixture, naming every problem', () => {
    const message = refusal(fixture('imon-failover-missing'), 'imon-failover-missing');
    assert.match(message, /2 problems/);
    assert.match(message, /failover\.primary-gw: empty/);
    assert.match(message, /failover\.standby-gw: "not-an-ip" is not an IP address/);
  });

  it('refuses a missing section', () => {
    const imon = demo();
    delete imon.ping;
    assert.match(refusal(JSON.stringify(imon)), /ping: section missing/);
  });

  it('refuses a missing failover field when failover is enabled', () => {
    const imon = demo();
    imon.failover!.enable = true;
    delete imon.failover!['primary-if'];
    assert.match(refusal(JSON.stringify(imon)), /failover\.primary-if: missing/);
  });

  it('refuses a file with no enabled monitor', () => {
    const imon = demo();
    imon.updown!.enable = false;
    assert.match(refusal(JSON.stringify(imon)), /no monitor is enabled/);
  });

  it('collects every problem in one message', () => {
    const imon = demo();
    imon.updown!.interval = 'often';
    imon.updown!.monitorip = 'not an address';
    imon.ping!.enable = 'maybe';
    delete imon.ddns;
    const message = refusal(JSON.stringify(imon));
    assert.match(message, /4 problems/);
    assert.match(message, /ddns: section missing/);
    assert.match(message, /updown\.interval: "often" is not a number/);
    assert.match(message, /updown\.monitorip: "not an address" is neither/);
    assert.match(message, /ping\.enable: "maybe" is not true or false/);
  });

  it('refuses something that is not an object', () => {
    assert.match(refusal('[1,2]'), /not an imon configuration/);
  });
});
