import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { systemClock } from '../../core/clock.js';
import { Engine } from '../../core/engine/engine.js';
import { UserError, fsUserError } from '../../core/errors.js';
import { createLogger, type Logger } from '../../core/log.js';
import type { UpdownTarget } from '../../core/monitors/updown-monitor.js';
import { UPDOWN_DEFAULTS } from '../../core/monitors/updown-options.js';
import { defaultGateway } from '../../core/net/default-gateway.js';
import { DiscordNotifier } from '../../core/notify/discord.js';
import type { Notifier } from '../../core/notify/notifier.js';
import { defaultDataDir } from '../../core/paths.js';
import { chooseProber, type ProbePreference } from '../../core/probe/choose-prober.js';
import { queryDns } from '../../core/probe/dns-query.js';
import { positiveNumber, wholeNumber } from '../numbers.js';
import { assertUniqueNames, parseAddressList, parseTargetSpec } from '../target-spec.js';

/** The public resolver watched when no target is given: anycast, answers ping, run to stay up. */
const DEFAULT_INTERNET_TARGET = { name: 'internet', address: '1.1.1.1' };

interface DaemonOptions {
  data: string;
  target: string[];
  interval: number;
  pingwait: number;
  pingcount: number;
  confirm: number;
  probe: string;
  dnsServer?: string;
  dnsName?: string;
  addping?: string;
  discordWebhook?: string;
  discordWebhookFile?: string;
  verbose?: boolean;
}

export function registerDaemon(program: Command): void {
  program
    .command('daemon')
    .description('watch targets and record every outage (runs until SIGINT/SIGTERM)')
    .option('--data <dir>', 'data folder; each target gets a folder in it', defaultDataDir())
    .option('--target <host[=name]>', 'address (or host name) to watch, optionally named; repeat for more', collect, [])
    .option('--interval <s>', 'seconds between probes', positiveNumber(0.2, 3600), UPDOWN_DEFAULTS.interval)
    .option('--pingwait <s>', 'seconds to wait for a reply', positiveNumber(0.05, 60), UPDOWN_DEFAULTS.pingwait)
    .option('--pingcount <n>', 'echo requests per check (any reply is success)', wholeNumber(1, 10), UPDOWN_DEFAULTS.pingcount)
    .option('--confirm <n>', 'quick re-probes that must all fail before DOWN', wholeNumber(1, 20), UPDOWN_DEFAULTS.confirm)
    .option('--probe <kind>', 'how to probe: auto, icmp (privileged helper), ping (system ping), tcp:PORT', 'auto')
    .option('--dns-server <ip>', 'DNS server asked when a target goes down, to tell a silent target from a dead internet')
    .option('--dns-name <name>', 'name to look up on --dns-server')
    .option('--addping <ips>', 'comma-separated addresses probed on every transition, as evidence')
    .option('--discord-webhook <url>', 'post up/down notices to this Discord webhook')
    .option('--discord-webhook-file <file>', 'read the Discord webhook URL from this file (keeps it out of the process list)')
    .option('--verbose', 'log debug detail')
    .action((opts: DaemonOptions) => runDaemon(opts));
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

async function runDaemon(opts: DaemonOptions): Promise<void> {
  const log = createLogger('nom', { minLevel: opts.verbose ? 'debug' : 'info' });
  const preference = parseProbe(opts.probe);
  const dns = dnsOption(opts);
  const addping = opts.addping ? parseAddressList('--addping', opts.addping) : [];
  const webhook = webhookUrl(opts);
  const targets = await resolveTargets(opts.target, log);

  const { prober, description } = await chooseProber({ preference, helperCommand: helperCommand(), log: log.child('probe') });
  log.info(`probing with ${description}`);

  const notifiers: Notifier[] = webhook ? [new DiscordNotifier(webhook, systemClock, log.child('discord'))] : [];
  const engine = new Engine({
    dataDir: opts.data,
    targets,
    options: { interval: opts.interval, pingwait: opts.pingwait, pingcount: opts.pingcount, confirm: opts.confirm, confirmSpacing: UPDOWN_DEFAULTS.confirmSpacing },
    prober,
    clock: systemClock,
    log,
    notifiers,
    evidence: { gateway: () => defaultGateway(), dns, addping },
  });
  try {
    engine.start();
    log.info(`watching ${targets.map((t) => `${t.name} (${t.address})`).join(', ')} every ${opts.interval}s; records in ${opts.data}`);
    await untilSignal(log);
    await engine.stop();
    log.info('stopped; every session closed with STOPPED');
  } finally {
    await prober.close();
  }
}

function parseProbe(text: string): ProbePreference {
  if (text === 'auto' || text === 'icmp' || text === 'ping') return { kind: text };
  const tcp = /^tcp:(\d{1,5})$/.exec(text);
  const port = tcp ? Number(tcp[1]) : 0;
  if (port >= 1 && port <= 65_535) return { kind: 'tcp', port };
  throw new UserError(`--probe: "${text}" is not one of auto, icmp, ping, tcp:PORT`);
}

function dnsOption(opts: DaemonOptions) {
  if (!opts.dnsServer && !opts.dnsName) return null;
  if (!opts.dnsServer || !opts.dnsName) throw new UserError('--dns-server and --dns-name go together');
  const [server] = parseAddressList('--dns-server', opts.dnsServer);
  if (!server || !/^[A-Za-z0-9.-]+$/.test(opts.dnsName)) throw new UserError(`--dns-name: "${opts.dnsName}" is not a host name`);
  return { server, name: opts.dnsName, query: queryDns };
}

function webhookUrl(opts: DaemonOptions): string | null {
  if (opts.discordWebhook && opts.discordWebhookFile) throw new UserError('give --discord-webhook or --discord-webhook-file, not both');
  let url = opts.discordWebhook;
  if (opts.discordWebhookFile) {
    try {
      url = readFileSync(opts.discordWebhookFile, 'utf8').trim();
    } catch (err) {
      throw fsUserError(err, opts.discordWebhookFile);
    }
  }
  if (url === undefined) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UserError('the Discord webhook is not a URL');
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new UserError('the Discord webhook must be an http(s) URL');
  return url;
}

async function resolveTargets(specs: string[], log: Logger): Promise<UpdownTarget[]> {
  if (specs.length > 0) {
    const targets = await Promise.all(specs.map(parseTargetSpec));
    assertUniqueNames(targets);
    return targets;
  }
  const gateway = defaultGateway();
  const targets = gateway ? [{ name: 'gateway', address: gateway }, DEFAULT_INTERNET_TARGET] : [DEFAULT_INTERNET_TARGET];
  log.info(
    `no --target given: watching ${gateway ? `the default gateway ${gateway} (as "gateway") and ` : ''}the public resolver ${DEFAULT_INTERNET_TARGET.address} (as "internet")`,
  );
  if (!gateway) log.warn('no default gateway found; outages cannot be told apart as local or ISP');
  return targets;
}

/** The helper runs as its own process: `node dist/helper/main.js`. */
function helperCommand(): { command: string; args: string[] } {
  return { command: process.execPath, args: [fileURLToPath(new URL('../../helper/main.js', import.meta.url))] };
}

function untilSignal(log: Logger): Promise<void> {
  return new Promise((resolve) => {
    const onSignal = (signal: NodeJS.Signals) => {
      log.info(`${signal}: stopping`);
      process.removeListener('SIGINT', onSignal);
      process.removeListener('SIGTERM', onSignal);
      // A second signal while stopping means "now".
      process.once('SIGINT', () => process.exit(130));
      process.once('SIGTERM', () => process.exit(143));
      resolve();
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}
