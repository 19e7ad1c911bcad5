import { CONFIG_VERSION, DEGRADED_DEFAULTS, DESKTOP_NOTIFY_DEFAULTS, type DdnsConfig, type NomConfig, type PingConfig, type UpdownConfig } from '../../shared/config-schema.js';
import { UPDOWN_DEFAULTS } from '../monitors/updown-options.js';

/**
 * Public services that answer a plain-text address, asked in turn. Only ever contacted by a real
 * daemon with ddns enabled; tests give their own providers inside the lab.
 */
export const DEFAULT_IP_PROVIDERS: Record<DdnsConfig['family'], string[]> = {
  ipv4: ['https://api.ipify.org', 'https://ipv4.icanhazip.com', 'https://v4.ident.me', 'https://ipinfo.io/ip'],
  ipv6: ['https://api6.ipify.org', 'https://ipv6.icanhazip.com', 'https://v6.ident.me'],
};

/** The public resolver watched when nothing else is configured: anycast, answers ping, run to stay up. */
export const DEFAULT_INTERNET_TARGET = { name: 'internet', address: '1.1.1.1' } as const;

export function defaultUpdown(): UpdownConfig {
  return {
    enabled: true,
    interval: UPDOWN_DEFAULTS.interval,
    pingcount: UPDOWN_DEFAULTS.pingcount,
    pingwait: UPDOWN_DEFAULTS.pingwait,
    confirm: UPDOWN_DEFAULTS.confirm,
    targets: [{ ...DEFAULT_INTERNET_TARGET }],
    degraded: { ...DEGRADED_DEFAULTS },
    addping: [],
    dns: null,
  };
}

export function defaultPing(): PingConfig {
  return { enabled: false, interval: 10, pingcount: 5, pingwait: 1, targets: [{ ...DEFAULT_INTERNET_TARGET }] };
}

export function defaultDdns(): DdnsConfig {
  return { enabled: false, interval: 300, timeout: 5, providers: DEFAULT_IP_PROVIDERS.ipv4, family: 'ipv4' };
}

/**
 * Failover defaults: probe each link every second, fail back after the primary has been up for
 * 30 s. Measured in the dual-WAN lab (bench/failover-time.ts): traffic flows through the standby
 * 1.7-2.5 s after the primary is lost (median about 2 s), inside the 3 s goal, with the same
 * confirmation as updown so a lost packet never moves traffic.
 */
export const FAILOVER_DEFAULTS = { interval: 1, pingcount: 1, pingwait: 1, preferPrimary: true, metric: 201, failbackAfter: 30 } as const;

export function defaultConfig(instance: string): NomConfig {
  return {
    version: CONFIG_VERSION,
    instance,
    note: '',
    probe: 'auto',
    action: null,
    updown: defaultUpdown(),
    ping: defaultPing(),
    ddns: defaultDdns(),
    failover: null,
    notify: { discord: null, webhook: null, ntfy: null, desktop: { ...DESKTOP_NOTIFY_DEFAULTS, events: [...DESKTOP_NOTIFY_DEFAULTS.events] } },
  };
}
