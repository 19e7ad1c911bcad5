import { NOTICE_GROUP_DEFAULTS, type DdnsConfig, type FailoverConfig, type FailoverLink, type NomConfig } from '../../shared/config-schema.js';
import { DEFAULT_IP_PROVIDERS, FAILOVER_DEFAULTS } from '../../core/config/defaults.js';
import { absolutePath, hostAnswer, httpUrl, interfaceAnswer, ipAnswer, list, name, number, optional, showTargets, targetList, text } from './answers.js';
import type { Prompter } from './prompter.js';

/**
 * imon-configure's session, for nom: asks only about the monitors you enable, shows each
 * default (the current value when editing an existing configuration), and checks every answer
 * as it is typed. An answer of "-" clears an optional value.
 */
export async function runWizard(p: Prompter, base: NomConfig, interfaces: readonly string[]): Promise<NomConfig> {
  const c = structuredClone(base);
  p.say('Build nom configuration ("-" clears an optional answer)\n');
  c.instance = await p.ask('Instance name', c.instance, name);
  c.note = await p.ask('Note to add to the configuration', c.note, text);
  const script = await p.ask('Full path to action script (empty for none)', c.action?.script ?? '', absolutePath);
  c.action = script === null ? null : { script, timeout: c.action?.timeout ?? 30 };

  if ((c.updown.enabled = await p.yesNo("* Enable the 'updown' monitor?", c.updown.enabled))) {
    const u = c.updown;
    await probing(p, u);
    u.targets = await p.ask('Targets to monitor (address[=name], comma-separated)', showTargets(u.targets), targetList);
    u.addping = await p.ask('Additional addresses to ping on each transition (addping)', u.addping.join(','), list(hostAnswer));
    const server = await p.ask('DNS server to check against when a target stops answering (empty for none)', u.dns?.server ?? '', optional(hostAnswer));
    u.dns = server === null ? null : { server, name: await p.ask('DNS name to look up', u.dns?.name ?? 'example.com', hostAnswer) };
  }

  if ((c.ping.enabled = await p.yesNo("* Enable the 'ping' monitor?", c.ping.enabled))) {
    await probing(p, c.ping);
    c.ping.targets = await p.ask('Addresses to ping (address[=name], comma-separated)', showTargets(c.ping.targets), targetList);
  }

  if ((c.ddns.enabled = await p.yesNo("* Enable the 'ddns' monitor?", c.ddns.enabled))) {
    const d = c.ddns;
    d.interval = await p.ask('Seconds between external address checks (interval)', String(d.interval), number(1, 86_400));
    const family = await p.ask<DdnsConfig['family']>('Address family (ipv4 or ipv6)', d.family, (a) =>
      a === 'ipv4' || a === 'ipv6' ? { ok: true, value: a } : { ok: false, reason: 'ipv4 or ipv6' },
    );
    if (family !== d.family) d.providers = DEFAULT_IP_PROVIDERS[family];
    d.family = family;
    d.providers = await p.ask('Address providers, asked in turn (comma-separated URLs)', d.providers.join(','), (a) => {
      const urls = list(httpUrl)(a);
      if (!urls.ok) return urls;
      const present = urls.value.filter((u) => u !== null);
      return present.length > 0 ? { ok: true, value: present } : { ok: false, reason: 'give at least one provider' };
    });
  }

  const failoverOn = await p.yesNo("* Enable the 'failover' monitor?", c.failover?.enabled ?? false);
  if (failoverOn) c.failover = await failover(p, c.failover, interfaces);
  else if (c.failover) c.failover.enabled = false;

  c.notify.discord = wrap(await p.ask('Discord webhook URL for notices (empty for none)', c.notify.discord?.webhook ?? '', httpUrl), (webhook) => ({
    webhook,
    events: c.notify.discord?.events ?? [...NOTICE_GROUP_DEFAULTS.discord],
  }));
  c.notify.webhook = wrap(await p.ask('JSON webhook URL for notices (empty for none)', c.notify.webhook?.url ?? '', httpUrl), (url) => ({
    url,
    events: c.notify.webhook?.events ?? [...NOTICE_GROUP_DEFAULTS.webhook],
  }));
  c.notify.ntfy = wrap(await p.ask('ntfy topic URL for notices, e.g. https://ntfy.sh/my-topic (empty for none)', c.notify.ntfy?.url ?? '', httpUrl), (url) => ({
    url,
    token: c.notify.ntfy?.token ?? null,
    events: c.notify.ntfy?.events ?? [...NOTICE_GROUP_DEFAULTS.ntfy],
  }));
  return c;
}

function wrap<T, U>(value: T | null, make: (value: T) => U): U | null {
  return value === null ? null : make(value);
}

async function probing(p: Prompter, section: { interval: number; pingcount: number; pingwait: number }): Promise<void> {
  section.interval = await p.ask('Interval between checks in seconds (interval)', String(section.interval), number(0.2, 86_400));
  section.pingcount = await p.ask('Echo requests per check (pingcount)', String(section.pingcount), number(1, 10, true));
  section.pingwait = await p.ask('Seconds to wait for a reply (pingwait)', String(section.pingwait), number(0.05, 60));
}

async function failover(p: Prompter, current: FailoverConfig | null, interfaces: readonly string[]): Promise<FailoverConfig> {
  const f = current ?? null;
  const settings = { interval: f?.interval ?? FAILOVER_DEFAULTS.interval, pingcount: f?.pingcount ?? FAILOVER_DEFAULTS.pingcount, pingwait: f?.pingwait ?? FAILOVER_DEFAULTS.pingwait };
  await probing(p, settings);
  const preferPrimary = await p.yesNo('Prefer the primary network (fail back when it returns)?', f?.preferPrimary ?? FAILOVER_DEFAULTS.preferPrimary);
  const failbackAfter = preferPrimary
    ? await p.ask('Seconds the primary must work before failing back', String(f?.failbackAfter ?? FAILOVER_DEFAULTS.failbackAfter), number(0, 86_400))
    : (f?.failbackAfter ?? FAILOVER_DEFAULTS.failbackAfter);
  const metric = await p.ask('Default route metric (metric)', String(f?.metric ?? FAILOVER_DEFAULTS.metric), number(0, 4_294_967_295, true));
  const primary = await link(p, 'Primary', f?.primary ?? null, interfaces, null);
  const standby = await link(p, 'Standby', f?.standby ?? null, interfaces, primary);
  return { enabled: true, ...settings, preferPrimary, failbackAfter, metric, primary, standby };
}

async function link(p: Prompter, role: 'Primary' | 'Standby', current: FailoverLink | null, interfaces: readonly string[], other: FailoverLink | null): Promise<FailoverLink> {
  const ifname = await p.ask(`${role} network interface name`, current?.interface ?? '', interfaceAnswer(interfaces, other?.interface));
  const linkName = await p.ask(`${role} network name`, current?.name ?? ifname, (a) => (a === other?.name ? { ok: false, reason: 'the two links need different names' } : name(a)));
  const gateway = await p.ask(`${role} network gateway IP address`, current?.gateway ?? '', ipAnswer);
  const ping = await p.ask(`Address to check whether the ${role.toLowerCase()} network is up (empty: the gateway)`, current?.ping ?? '', optional(hostAnswer));
  const postping = await p.ask(`Address to ping after failing over to the ${role.toLowerCase()} network (empty for none)`, current?.postping ?? '', optional(hostAnswer));
  return { name: linkName, interface: ifname, gateway, ping, postping };
}
