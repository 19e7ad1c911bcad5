import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { describe, it } from 'node:test';
import { defaultConfig } from '../../../src/core/config/defaults.js';
import { UserError } from '../../../src/core/errors.js';
import { DESKTOP_NOTIFY_DEFAULTS, NOTICE_GROUP_DEFAULTS, nomConfig, type NomConfig } from '../../../src/shared/config-schema.js';
import { Prompter } from '../../../src/cli/configure/prompter.js';
import { runWizard } from '../../../src/cli/configure/wizard.js';

const INTERFACES = ['lo', 'wan1', 'wan2'];

async function session(answers: string[], base: NomConfig = defaultConfig('main')): Promise<{ config: NomConfig; transcript: string }> {
  const input = new PassThrough();
  const output = new PassThrough();
  let transcript = '';
  output.on('data', (chunk: Buffer) => (transcript += chunk.toString()));
  input.end(answers.map((a) => `${a}\n`).join(''));
  const config = await runWizard(new Prompter(input, output), base, INTERFACES);
  return { config, transcript };
}

/** Instance, note, action, then updown: yes with every default. */
const START = ['home', '', ''];
const UPDOWN_DEFAULTS = ['y', '', '', '', '', '', ''];
const NO_NOTICES = ['', '', ''];

describe('nom configure (the wizard)', () => {
  it('builds an updown-only configuration from defaults, asking nothing about disabled monitors', async () => {
    const { config, transcript } = await session([...START, ...UPDOWN_DEFAULTS, 'n', 'n', 'n', ...NO_NOTICES]);
    assert.ok(nomConfig.safeParse(config).success);
    assert.equal(config.instance, 'home');
    assert.deepEqual(config.updown, defaultConfig('main').updown);
    assert.equal(config.ping.enabled, false);
    assert.equal(config.failover, null);
    assert.doesNotMatch(transcript, /Address providers|interface name/);
    assert.match(transcript, /Interval between checks in seconds \(interval\) \[1\]: /);
  });

  it('asks again until an answer is valid, saying why', async () => {
    const { config, transcript } = await session([
      'no spaces allowed', 'home', '', 'relative/script', '/usr/local/bin/nom-action',
      'maybe', 'y', 'often', '2', '11', '3', '0', '1', '203.0.113.10=isp,203.0.113.10=isp', 'not a host!', '203.0.113.10=isp', '192.0.2.1', '203.0.113.53', 'example.com',
      'n', 'n', 'n', 'ftp://x', ...NO_NOTICES,
    ]);
    assert.match(transcript, /! letters, digits, dots/);
    assert.match(transcript, /! give the full path, starting with \//);
    assert.match(transcript, /! answer y or n/);
    assert.match(transcript, /! "often" is not a number/);
    assert.match(transcript, /! between 1 and 10, please/);
    assert.match(transcript, /! between 0\.05 and 60, please/);
    assert.match(transcript, /! two targets have the same name/);
    assert.match(transcript, /! "not a host!" is not an IP address or a host name/);
    assert.match(transcript, /! give an http:\/\/ or https:\/\/ URL/);
    assert.deepEqual(config.action, { script: '/usr/local/bin/nom-action', timeout: 30 });
    assert.deepEqual(
      { interval: config.updown.interval, pingcount: config.updown.pingcount, pingwait: config.updown.pingwait },
      { interval: 2, pingcount: 3, pingwait: 1 },
    );
    assert.deepEqual(config.updown.targets, [{ name: 'isp', address: '203.0.113.10' }]);
    assert.deepEqual(config.updown.addping, ['192.0.2.1']);
    assert.deepEqual(config.updown.dns, { server: '203.0.113.53', name: 'example.com' });
  });

  it('sets up failover, checking interface names against the machine', async () => {
    const { config, transcript } = await session([
      ...START, 'n', 'n', 'n',
      'y', '', '', '', 'y', '10', '',
      'eth9', 'wan1', 'primary', '198.51.100.1', '', '',
      'wan1', 'wan2', 'primary', 'backup', 'not-an-ip', '198.51.100.129', '203.0.113.10', '203.0.113.10',
      ...NO_NOTICES,
    ]);
    assert.match(transcript, /! no interface "eth9" here \(found: lo, wan1, wan2\)/);
    assert.match(transcript, /! the two links need different interfaces/);
    assert.match(transcript, /! the two links need different names/);
    assert.match(transcript, /! "not-an-ip" is not an IP address/);
    assert.deepEqual(config.failover, {
      enabled: true,
      interval: 1,
      pingcount: 1,
      pingwait: 1,
      preferPrimary: true,
      failbackAfter: 10,
      metric: 201,
      primary: { name: 'primary', interface: 'wan1', gateway: '198.51.100.1', ping: null, postping: null },
      standby: { name: 'backup', interface: 'wan2', gateway: '198.51.100.129', ping: '203.0.113.10', postping: '203.0.113.10' },
    });
    assert.ok(nomConfig.safeParse(config).success);
  });

  it('sets up ping, ddns and notices', async () => {
    const { config } = await session([
      ...START, 'n',
      'y', '30', '4', '', '203.0.113.10=isp',
      'y', '600', 'ipv6', '', 'n',
      'https://discord.example/api/webhooks/1/abc', '', 'https://ntfy.example/nom-alerts',
    ]);
    assert.deepEqual(config.ping, { enabled: true, interval: 30, pingcount: 4, pingwait: 1, targets: [{ name: 'isp', address: '203.0.113.10' }] });
    assert.equal(config.ddns.family, 'ipv6');
    assert.ok(config.ddns.providers.every((p) => p.includes('6')), 'switching family offers that family’s providers');
    assert.deepEqual(config.notify, {
      discord: { webhook: 'https://discord.example/api/webhooks/1/abc', events: [...NOTICE_GROUP_DEFAULTS.discord] },
      webhook: null,
      ntfy: { url: 'https://ntfy.example/nom-alerts', token: null, events: [...NOTICE_GROUP_DEFAULTS.ntfy] },
      desktop: { ...DESKTOP_NOTIFY_DEFAULTS, events: [...DESKTOP_NOTIFY_DEFAULTS.events] },
    });
  });

  it('edits an existing configuration: each default is its current value, "-" clears one', async () => {
    const base = defaultConfig('home');
    base.updown.addping = ['192.0.2.1'];
    base.action = { script: '/opt/act', timeout: 5 };
    const { config, transcript } = await session(['', '', '-', ...['', '', '', '', '', '-', ''], 'n', 'n', 'n', ...NO_NOTICES], base);
    assert.match(transcript, /Instance name \[home\]/);
    assert.match(transcript, /Full path to action script \(empty for none\) \[\/opt\/act\]/);
    assert.equal(config.action, null);
    assert.deepEqual(config.updown.addping, []);
  });

  it('refuses to finish when the answers run out', async () => {
    await assert.rejects(session(['home', '']), (err: unknown) => err instanceof UserError && /input ended before the configuration was complete/.test(err.message));
  });
});
