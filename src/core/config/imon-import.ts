import { isIP } from 'node:net';
import { host as hostSchema, interfaceName, nomConfig, SAFE_NAME, type FailoverLink, type NomConfig, type TargetConfig } from '../../shared/config-schema.js';
import { UserError } from '../errors.js';
import { describeIssues } from './config-file.js';
import { defaultConfig, defaultPing, defaultUpdown, FAILOVER_DEFAULTS } from './defaults.js';

/** What an import produced: the configuration, and what the user should know about how it was read. */
export interface ImonImport {
  config: NomConfig;
  notes: string[];
}

type Section = Record<string, unknown>;
const SECTIONS = ['global', 'ddns', 'updown', 'failover', 'ping'] as const;
/** imon's action scripts were given this long by nom; imon waited for ever. */
const ACTION_TIMEOUT_S = 30;

/**
 * Reads an imon instance file (/etc/default/imon-NAME) the way imon did — numbers as ints,
 * floats or strings, `addping` as a comma string, "" for unset — and checks everything imon
 * checked at start and more (addresses, interface names), collecting every problem so the user
 * fixes them in one go. Throws one UserError naming the file and each problem.
 */
export function importImon(text: string, file: string): ImonImport {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new UserError(`${file}: not valid JSON (${err instanceof Error ? err.message : String(err)})`);
  }
  if (!isSection(json)) throw new UserError(`${file}: not an imon configuration (expected a JSON object with ${SECTIONS.join(', ')})`);

  const reader = new ImonReader();
  const sections = Object.fromEntries(SECTIONS.map((name) => [name, reader.section(json, name)])) as Record<(typeof SECTIONS)[number], Section | null>;
  const config = defaultConfig('main');
  const notes: string[] = [];

  const global = sections.global;
  if (global) {
    const instance = reader.string(global, 'global', 'instance', false) || 'main';
    if (SAFE_NAME.test(instance)) config.instance = instance;
    else reader.problem('global.instance', `"${instance}" must be letters, digits, dots, dashes or underscores`);
    config.note = reader.string(global, 'global', 'note', true);
    const action = reader.string(global, 'global', 'action', true);
    if (action !== '') {
      if (action.startsWith('/')) config.action = { script: action, timeout: ACTION_TIMEOUT_S };
      else reader.problem('global.action', `"${action}" is not an absolute path`);
    }
  }

  const enabled = Object.fromEntries((['ddns', 'updown', 'failover', 'ping'] as const).map((m) => [m, sections[m] ? reader.bool(sections[m], m, 'enable') : false]));

  if (sections.updown) {
    const s = sections.updown;
    const on = enabled.updown === true;
    const monitorip = reader.host(s, 'updown', 'monitorip', !on);
    const dnsserver = reader.host(s, 'updown', 'dnsserver', true);
    const dnslookup = reader.host(s, 'updown', 'dnslookup', true);
    if ((dnsserver === '') !== (dnslookup === '')) notes.push('updown: dnsserver and dnslookup work together; with only one set, imon skipped the DNS check, and so does nom');
    config.updown = {
      ...defaultUpdown(),
      enabled: on,
      ...reader.probing(s, 'updown'),
      targets: monitorip ? [targetFor(monitorip)] : defaultUpdown().targets,
      addping: reader.list(s, 'updown', 'addping'),
      dns: dnsserver && dnslookup ? { server: dnsserver, name: dnslookup } : null,
    };
  }

  if (sections.ping) {
    const s = sections.ping;
    const monitorip = reader.host(s, 'ping', 'monitorip', enabled.ping !== true);
    config.ping = { ...defaultPing(), enabled: enabled.ping === true, ...reader.probing(s, 'ping'), targets: monitorip ? [targetFor(monitorip)] : defaultPing().targets };
  }

  if (sections.ddns) {
    config.ddns = { ...config.ddns, enabled: enabled.ddns === true, interval: reader.number(sections.ddns, 'ddns', 'interval', 1, 86_400, false) ?? config.ddns.interval };
  }

  if (sections.failover) {
    const on = enabled.failover === true;
    // A disabled failover section is kept when it is complete, so enabling it later is one edit;
    // imon never read it then, so its gaps are not problems, only a note.
    const failoverReader = on ? reader : new ImonReader();
    const failover = readFailover(failoverReader, sections.failover, on);
    if (on || failoverReader.count() === 0) config.failover = failover;
    else notes.push(`failover: disabled and incomplete in the imon file (${failoverReader.summary()}), so not imported`);
    if (on) notes.push(`failover: nom fails back to the primary only after it has worked for ${FAILOVER_DEFAULTS.failbackAfter} s (failbackAfter); imon switched at once`);
  }

  if (!Object.values(enabled).some((on) => on === true)) reader.problem('', 'no monitor is enabled (imon refused to start without one)');
  reader.throwIfAny(file);

  const parsed = nomConfig.safeParse(config);
  if (!parsed.success) throw new UserError(`${file}: ${describeIssues(parsed.error.issues)}`);
  if (config.updown.enabled && config.updown.interval > 1) {
    notes.push(`updown: imon's interval of ${config.updown.interval} s is kept; nom at 1 s (its default) learns of an outage within 3 s`);
  }
  return { config: parsed.data, notes };
}

function readFailover(reader: ImonReader, s: Section, enabled: boolean): NonNullable<NomConfig['failover']> {
  return {
    enabled,
    ...reader.probing(s, 'failover'),
    preferPrimary: reader.bool(s, 'failover', 'prefer-primary') ?? FAILOVER_DEFAULTS.preferPrimary,
    metric: reader.number(s, 'failover', 'metric', 0, 4_294_967_295, true) ?? FAILOVER_DEFAULTS.metric,
    failbackAfter: FAILOVER_DEFAULTS.failbackAfter,
    primary: reader.link(s, 'primary'),
    standby: reader.link(s, 'standby'),
  };
}

function isSection(value: unknown): value is Section {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A target named after its address (the name is a folder name, so an IPv6 address's colons become underscores). */
function targetFor(address: string): TargetConfig {
  return { name: address.replaceAll(':', '_').replace(/^[^A-Za-z0-9]+/, '').slice(0, 64) || 'target', address };
}

/** Reads fields the way imon did, noting each problem against its place in the file. */
class ImonReader {
  private readonly problems: string[] = [];

  problem(where: string, message: string): void {
    this.problems.push(where === '' ? message : `${where}: ${message}`);
  }

  count(): number {
    return this.problems.length;
  }

  summary(): string {
    return this.problems.join('; ');
  }

  throwIfAny(file: string): void {
    if (this.problems.length === 0) return;
    const n = this.problems.length;
    throw new UserError(`${file}: ${n === 1 ? '1 problem' : `${n} problems`}: ${this.problems.join('; ')}`);
  }

  section(json: Section, name: string): Section | null {
    const value = json[name];
    if (value === undefined) this.problem(name, 'section missing');
    else if (!isSection(value)) this.problem(name, 'not a section (expected an object)');
    else return value;
    return null;
  }

  string(s: Section, section: string, key: string, optional: boolean): string {
    const value = s[key];
    if (value === undefined || value === null) {
      if (!optional) this.problem(`${section}.${key}`, 'missing');
      return '';
    }
    if (typeof value !== 'string') {
      this.problem(`${section}.${key}`, `expected text, found ${JSON.stringify(value)}`);
      return '';
    }
    return value.trim();
  }

  /** imon wrote 10, 10.0 or "10"; int() and float() took any of them. */
  number(s: Section, section: string, key: string, min: number, max: number, integer: boolean): number | null {
    const value = s[key];
    const where = `${section}.${key}`;
    if (value === undefined || value === '') {
      this.problem(where, 'missing');
      return null;
    }
    const n = typeof value === 'number' ? value : typeof value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(value) ? Number(value) : NaN;
    if (!Number.isFinite(n)) {
      this.problem(where, `${JSON.stringify(value)} is not a number`);
      return null;
    }
    // imon's int() truncated "2.0" and 2.0 alike.
    const v = integer ? Math.trunc(n) : n;
    if (v < min || v > max) {
      this.problem(where, `${v} is out of range (${min} to ${max})`);
      return null;
    }
    return v;
  }

  bool(s: Section, section: string, key: string): boolean | null {
    const value = s[key];
    if (typeof value === 'boolean') return value;
    if (value === 'true' || value === 'false') return value === 'true';
    this.problem(`${section}.${key}`, value === undefined ? 'missing' : `${JSON.stringify(value)} is not true or false`);
    return null;
  }

  host(s: Section, section: string, key: string, optional: boolean): string {
    const text = this.string(s, section, key, true);
    if (text === '') {
      if (!optional) this.problem(`${section}.${key}`, 'missing');
      return '';
    }
    if (!hostSchema.safeParse(text).success) this.problem(`${section}.${key}`, `"${text}" is neither an IP address nor a host name`);
    return text;
  }

  /** `addping`: imon's comma-separated string (a JSON list is taken too). */
  list(s: Section, section: string, key: string): string[] {
    const value = s[key];
    const items = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : value === undefined || value === null ? [] : null;
    if (items === null) {
      this.problem(`${section}.${key}`, `${JSON.stringify(value)} is not a comma-separated list`);
      return [];
    }
    const hosts = items.map((item) => (typeof item === 'string' ? item.trim() : '')).filter((h) => h !== '');
    for (const h of hosts) if (!hostSchema.safeParse(h).success) this.problem(`${section}.${key}`, `"${h}" is neither an IP address nor a host name`);
    return hosts;
  }

  probing(s: Section, section: string): { interval: number; pingcount: number; pingwait: number } {
    const defaults = { interval: 10, pingcount: 2, pingwait: 1 };
    return {
      interval: this.number(s, section, 'interval', 0.2, 86_400, false) ?? defaults.interval,
      pingcount: this.number(s, section, 'pingcount', 1, 10, true) ?? defaults.pingcount,
      pingwait: this.number(s, section, 'pingwait', 0.05, 60, false) ?? defaults.pingwait,
    };
  }

  link(s: Section, role: 'primary' | 'standby'): FailoverLink {
    const where = (key: string) => `failover.${role}-${key}`;
    const ifname = this.string(s, 'failover', `${role}-if`, false);
    if (ifname !== '' && !interfaceName.safeParse(ifname).success) this.problem(where('if'), `"${ifname}" is not an interface name`);
    const gateway = this.string(s, 'failover', `${role}-gw`, false);
    if (gateway !== '' && isIP(gateway) === 0) this.problem(where('gw'), `"${gateway}" is not an IP address`);
    if (gateway === '' && s[`${role}-gw`] !== undefined) this.problem(where('gw'), 'empty (the gateway is required)');
    if (ifname === '' && s[`${role}-if`] !== undefined) this.problem(where('if'), 'empty (the interface is required)');
    const name = this.string(s, 'failover', `${role}-name`, true) || ifname || role;
    if (!SAFE_NAME.test(name)) this.problem(where('name'), `"${name}" must be letters, digits, dots, dashes or underscores`);
    const ping = this.host(s, 'failover', `${role}-ping`, true);
    const postping = this.host(s, 'failover', `${role}-postping`, true);
    return { name, interface: ifname, gateway, ping: ping || null, postping: postping || null };
  }
}
