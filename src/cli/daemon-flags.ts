import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { NOTICE_GROUP_DEFAULTS, nomConfig, type NomConfig, type TargetConfig } from '../shared/config-schema.js';
import { describeIssues } from '../core/config/config-file.js';
import { DEFAULT_INTERNET_TARGET, defaultConfig } from '../core/config/defaults.js';
import { UserError, fsUserError } from '../core/errors.js';
import { defaultGateway } from '../core/net/default-gateway.js';
import { assertUniqueNames, parseAddressList, parseTargetSpec } from './target-spec.js';

export interface DaemonFlags {
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
}

/** Flags that describe what to monitor; a configuration file describes that instead. */
const MONITOR_FLAGS = ['target', 'interval', 'pingwait', 'pingcount', 'confirm', 'probe', 'dnsServer', 'dnsName', 'addping'] as const;

/** With --config or --instance, the file says what to watch: a monitoring flag beside it is a mistake, not an override. */
export function refuseMonitorFlags(command: Command, source: string): void {
  for (const key of MONITOR_FLAGS) {
    if (command.getOptionValueSource(key) === 'cli') {
      const flag = `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
      throw new UserError(`${flag} cannot be combined with ${source}: set it in the configuration file`);
    }
  }
}

/**
 * An instance configuration made from flags: the updown monitor only, as network-outage-monitor
 * ran. With no --target, the default gateway (when there is one) and a public resolver.
 */
export function configFromFlags(flags: DaemonFlags): { config: NomConfig; defaulted: boolean } {
  const config = defaultConfig('main');
  const targets: TargetConfig[] = flags.target.map(parseTargetSpec);
  assertUniqueNames(targets);
  const defaulted = targets.length === 0;
  if (defaulted) {
    const gateway = defaultGateway();
    if (gateway) targets.push({ name: 'gateway', address: gateway });
    targets.push({ ...DEFAULT_INTERNET_TARGET });
  }
  config.probe = flags.probe;
  config.updown = {
    ...config.updown,
    interval: flags.interval,
    pingwait: flags.pingwait,
    pingcount: flags.pingcount,
    confirm: flags.confirm,
    targets,
    addping: flags.addping ? parseAddressList('--addping', flags.addping) : [],
    dns: dnsFlags(flags),
  };
  const webhook = discordWebhook(flags);
  config.notify.discord = webhook === null ? null : { webhook, events: [...NOTICE_GROUP_DEFAULTS.discord] };
  const parsed = nomConfig.safeParse(config);
  if (!parsed.success) throw new UserError(describeIssues(parsed.error.issues));
  return { config: parsed.data, defaulted };
}

function dnsFlags(flags: DaemonFlags): NomConfig['updown']['dns'] {
  if (!flags.dnsServer && !flags.dnsName) return null;
  if (!flags.dnsServer || !flags.dnsName) throw new UserError('--dns-server and --dns-name go together');
  const [server] = parseAddressList('--dns-server', flags.dnsServer);
  if (!server || !/^[A-Za-z0-9.-]+$/.test(flags.dnsName)) throw new UserError(`--dns-name: "${flags.dnsName}" is not a host name`);
  return { server, name: flags.dnsName };
}

function discordWebhook(flags: DaemonFlags): string | null {
  if (flags.discordWebhook && flags.discordWebhookFile) throw new UserError('give --discord-webhook or --discord-webhook-file, not both');
  let url = flags.discordWebhook;
  if (flags.discordWebhookFile) {
    try {
      url = readFileSync(flags.discordWebhookFile, 'utf8').trim();
    } catch (err) {
      throw fsUserError(err, flags.discordWebhookFile);
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
