import assert from 'node:assert/strict';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { ActionRunner } from '../../../src/core/actions/action-runner.js';
import { UserError } from '../../../src/core/errors.js';
import { createLogger } from '../../../src/core/log.js';
import { tempDir } from '../../support/tmp.js';

/**
 * A script shaped like imon's sample action script: it takes instance, syslog flag, command and
 * up to two arguments, splits INFO and ping-result fields at colons, and logs one line per call.
 */
/** Sleeps (in a child process) on ddns-no-update, logs anything else. */
const SLOW_SCRIPT = '#!/bin/bash\n[ "$3" = ddns-no-update ] && sleep 30\necho "$3" >> "$(dirname "$0")/calls.log"\n';

const IMON_STYLE_SCRIPT = `#!/bin/bash
instance="$1"; syslog="$2"; cmd="$3"; arg1="$4"; arg2="$5"
log() { echo "$*" >> "$(dirname "$0")/calls.log"; }
case \${cmd,,} in
  updown-online|updown-offline|ddns-ip-update|failover-bothdown)
    log "$instance|$syslog|$cmd|$arg1|$arg2|argc=$#" ;;
  ddns-no-update)
    log "$instance|$syslog|$cmd|argc=$#" ;;
  failover-initial|failover-postping|failover-primary|failover-standby)
    IFS=":" read name ename ifname ip <<< "$arg1"
    log "$cmd|$name|$ename|$ifname|$ip|$arg2" ;;
  ping-result)
    IFS=":" read ipaddr online minrtt avgrtt maxrtt pktloss jitter <<< "$arg1"
    log "$cmd|$ipaddr|$online|$minrtt|$avgrtt|$maxrtt|$pktloss|$jitter" ;;
  *) log "unknown $cmd" ;;
esac
log "env|$NOM_COMMAND|$NOM_INSTANCE|$NOM_ADDRESS|$NOM_DOWN_SECONDS|$NOM_NEW_IP|$NOM_OLD_IP|uid=$(id -u)"
`;

function setUp(script = IMON_STYLE_SCRIPT) {
  const dir = tempDir();
  // The runner never runs a script as root: when these tests run as root, the script runs as
  // nobody, who must be able to reach the folder and write the log.
  chmodSync(dir, 0o777);
  const path = join(dir, 'imon-action');
  writeFileSync(path, script, { mode: 0o755 });
  const lines: string[] = [];
  const log = createLogger('test', { write: (line) => lines.push(line), journal: false });
  const calls = () => {
    try {
      return readFileSync(join(dir, 'calls.log'), 'utf8').trim().split('\n');
    } catch {
      return [];
    }
  };
  return { dir, path, lines, log, calls };
}

async function until(check: () => boolean, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await sleep(20);
  }
}

describe('action scripts', () => {
  it("calls the script with imon's arguments, in order, and the facts in NOM_* variables", async () => {
    const { path, log, calls } = setUp();
    const runner = new ActionRunner({ script: path, timeoutMs: 5_000, instance: 'demo', syslog: false, log });
    runner.call({ command: 'updown-offline', address: '203.0.113.10' });
    runner.call({ command: 'updown-online', address: '203.0.113.10', downSeconds: 93_725 });
    runner.call({ command: 'ddns-ip-update', newIp: '198.51.100.7', oldIp: null });
    runner.call({ command: 'ddns-no-update' });
    const link = { name: 'net42', role: 'Primary', interface: 'eth1', address: '198.51.100.2' } as const;
    runner.call({ command: 'failover-initial', link, state: 'online' });
    runner.call({ command: 'ping-result', address: '203.0.113.10', alive: true, minMs: 10, avgMs: 12.3456, maxMs: 15.5, loss: 0, jitterMs: 1.25 });
    await runner.stop(10_000);
    const uid = process.getuid?.() === 0 ? 65_534 : process.getuid?.();
    assert.deepEqual(calls(), [
      'demo|1|updown-offline|203.0.113.10||argc=4',
      `env|updown-offline|demo|203.0.113.10||||uid=${uid}`,
      'demo|1|updown-online|203.0.113.10|1:2:2:5|argc=5',
      `env|updown-online|demo|203.0.113.10|93725|||uid=${uid}`,
      'demo|1|ddns-ip-update|198.51.100.7|unknown|argc=5',
      `env|ddns-ip-update|demo|||198.51.100.7||uid=${uid}`,
      'demo|1|ddns-no-update|argc=3',
      `env|ddns-no-update|demo|||||uid=${uid}`,
      'failover-initial|net42|Primary|eth1|198.51.100.2|online',
      `env|failover-initial|demo|||||uid=${uid}`,
      'ping-result|203.0.113.10|True|10.0|12.346|15.5|0.0|1.25',
      `env|ping-result|demo|203.0.113.10||||uid=${uid}`,
    ]);
  });

  it('passes syslog flag 0 when logging to the journal, as imon did under syslog', async () => {
    const { path, log, calls } = setUp();
    const runner = new ActionRunner({ script: path, timeoutMs: 5_000, instance: 'main', syslog: true, log });
    runner.call({ command: 'updown-offline', address: '192.0.2.1' });
    await runner.stop(10_000);
    assert.equal(calls()[0], 'main|0|updown-offline|192.0.2.1||argc=4');
  });

  it('logs a failing script and goes on', async () => {
    const { path, log, lines, calls } = setUp('#!/bin/bash\necho "no route to the DNS provider" >&2\n[ "$3" = ddns-no-update ] && exit 3\necho "$3" >> "$(dirname "$0")/calls.log"\n');
    const runner = new ActionRunner({ script: path, timeoutMs: 5_000, instance: 'main', syslog: false, log });
    runner.call({ command: 'ddns-no-update' });
    runner.call({ command: 'updown-offline', address: '192.0.2.1' });
    await runner.stop(10_000);
    assert.deepEqual(calls(), ['updown-offline']);
    assert.ok(lines.some((l) => l.includes('action ddns-no-update failed exit=3 output="no route to the DNS provider"')), lines.join('\n'));
  });

  it('kills a hanging script (and what it started) at the timeout, and the next call still runs', async () => {
    const { path, log, lines, calls } = setUp(SLOW_SCRIPT);
    const runner = new ActionRunner({ script: path, timeoutMs: 1_000, instance: 'main', syslog: false, log });
    const started = Date.now();
    runner.call({ command: 'ddns-no-update' });
    runner.call({ command: 'updown-offline', address: '192.0.2.1' });
    assert.ok(Date.now() - started < 100, 'call() returns at once');
    await until(() => calls().length > 0);
    assert.ok(Date.now() - started < 5_000);
    assert.match(calls()[0]!, /updown-offline/);
    assert.ok(lines.some((l) => l.includes('action script timed out; killed it command=ddns-no-update seconds=1')));
    await runner.stop(5_000);
  });

  it('drops the oldest calls when they pile up behind a slow script, and stop() kills what runs', async () => {
    const { path, log, lines } = setUp(SLOW_SCRIPT);
    const runner = new ActionRunner({ script: path, timeoutMs: 60_000, instance: 'main', syslog: false, log, maxQueued: 2 });
    for (let i = 0; i < 4; i++) runner.call({ command: 'ddns-no-update' });
    const started = Date.now();
    await runner.stop(300);
    assert.ok(Date.now() - started < 5_000);
    assert.equal(lines.filter((l) => l.includes('dropped the oldest')).length, 1);
    assert.ok(lines.some((l) => l.includes('action calls not run at shutdown count=2')));
  });

  it('refuses a missing or non-executable script at start, as imon did', () => {
    const { dir } = setUp();
    const log = createLogger('test', { write: () => undefined });
    assert.throws(() => new ActionRunner({ script: join(dir, 'none'), timeoutMs: 1_000, instance: 'm', syslog: false, log }), (err: unknown) => err instanceof UserError && /none: not found/.test(err.message));
    const plain = join(dir, 'plain');
    writeFileSync(plain, '#!/bin/sh\n', { mode: 0o644 });
    if (process.getuid?.() !== 0) assert.throws(() => new ActionRunner({ script: plain, timeoutMs: 1_000, instance: 'm', syslog: false, log }), /not executable/);
    assert.throws(() => new ActionRunner({ script: dir, timeoutMs: 1_000, instance: 'm', syslog: false, log }), /not a file/);
  });
});
