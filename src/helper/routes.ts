import { z } from 'zod';
import {
  linkInterface,
  type DefaultRoute,
  type HelperError,
  type RouteGetValue,
  type RouteLinkValue,
  type RouteRequest,
  type RouteSetDefaultValue,
} from '../shared/helper-protocol.js';
import { describeRoute, parseDefaultRoutes, parseFirstAddress, parseRules, type IpRule, type RunIp } from './ip-command.js';

/** A failover link the helper may route through: fixed by whoever started it, never by a request. */
export interface RouteLink {
  interface: string;
  gateway: string;
}

export type RouteOutcome =
  | { ok: true; value: RouteGetValue | RouteSetDefaultValue | RouteLinkValue }
  | { ok: false; error: HelperError };

/**
 * Per-link routing, so each link can be probed while the default route points at the other.
 * Echoes for a link leave from a raw socket bound to its interface (SO_BINDTODEVICE, see
 * link-echo.ts), and two rules lead to the link's own table, which holds only
 * `default via GATEWAY dev IF`:
 * - `oif IF`: the way out, for sockets bound to the interface and nothing else. Without it the
 *   kernel, finding no route through the bound interface, takes every address for on-link and
 *   ARPs for it.
 * - `from LINK-ADDRESS to TARGET`: the way back. Reverse-path filtering checks a reply against
 *   the route back to its sender, which (strict mode, or no default route at all, as at start)
 *   does not go through this link: the reply would be dropped. The rule covers only the link's
 *   own address talking to its probe target.
 * Tables and rule priorities are fixed per position on the command line; the numbers spell "nom".
 */
export const LINK_TABLE_BASE = 0x6e6f6d00;
export const LINK_RULE_PRIORITY_BASE = 9_700;

/** `--route-link IF=GATEWAY`, at most twice: the only interfaces and gateways route calls may name. */
export function parseRouteLinks(argv: readonly string[]): { ok: true; links: RouteLink[] } | { ok: false; message: string } {
  const links: RouteLink[] = [];
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (flag !== '--route-link') return { ok: false, message: `unknown argument ${JSON.stringify(flag)} (only --route-link IF=GATEWAY)` };
    const [name = '', gateway = '', extra] = (value ?? '').split('=');
    if (extra !== undefined || !linkInterface.safeParse(name).success || !z.ipv4().safeParse(gateway).success) {
      return { ok: false, message: `--route-link ${JSON.stringify(value ?? '')}: expected INTERFACE=IPV4_GATEWAY` };
    }
    if (links.some((l) => l.interface === name)) return { ok: false, message: `--route-link ${name} given twice` };
    links.push({ interface: name, gateway });
  }
  if (links.length > 2) return { ok: false, message: 'at most two --route-link (a primary and a standby)' };
  return { ok: true, links };
}

/**
 * Answers route calls by running `ip`, one call at a time so two changes never interleave. Every
 * change names one of the configured links, with its configured gateway; routes on any other
 * interface are read, never changed.
 */
export class RouteManager {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly links: readonly RouteLink[],
    private readonly ip: RunIp,
  ) {}

  handle(request: RouteRequest): Promise<RouteOutcome> {
    const run = this.queue.then(() => this.dispatch(request));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async dispatch(request: RouteRequest): Promise<RouteOutcome> {
    if (request.type === 'route-get') {
      const routes = await this.readDefaults();
      return routes.ok ? { ok: true, value: { routes: routes.routes } } : routes;
    }
    const index = this.links.findIndex((l) => l.interface === request.interface);
    const link = this.links[index];
    if (!link) return failure('forbidden', `${request.interface} is not a failover link of this helper (${this.allowed()})`);
    if (link.gateway !== request.gateway) return failure('forbidden', `${request.interface} goes through ${link.gateway}, not ${request.gateway}`);
    return request.type === 'route-set-default' ? this.setDefault(link, request.metric) : this.ensureLinkTable(link, index, request.target);
  }

  private async setDefault(link: RouteLink, metric: number): Promise<RouteOutcome> {
    const before = await this.readDefaults();
    if (!before.ok) return before;
    const taken = before.routes.find((r) => r.metric === metric && !this.isLink(r.interface));
    // `replace` would overwrite that route, which is not ours to change.
    if (taken) return failure('route-failed', `metric ${metric} is taken by ${describeRoute(taken)}, which is not a failover link: choose another metric`);
    // Replacing (not adding beside) is what moves traffic: an added route with a worse metric would lose.
    const set = await this.ip(['-4', 'route', 'replace', 'default', 'via', link.gateway, 'dev', link.interface, 'metric', String(metric)]);
    if (!set.ok) return failure('route-failed', set.message);
    const problems: string[] = [];
    for (const old of before.routes) {
      if (!this.isLink(old.interface) || old.metric === metric) continue;
      const gone = await this.ip(['-4', 'route', 'del', 'default', ...(old.gateway ? ['via', old.gateway] : []), 'dev', old.interface, 'metric', String(old.metric)]);
      if (!gone.ok) problems.push(gone.message);
    }
    const after = await this.readDefaults();
    if (!after.ok) return after;
    const mine = (r: DefaultRoute) => r.gateway === link.gateway && r.interface === link.interface && r.metric === metric;
    const beaten = after.routes.find((r) => !mine(r) && r.metric <= metric);
    const verified = after.routes.some(mine) && beaten === undefined;
    if (!after.routes.some(mine)) problems.push('the route is not there when read back');
    if (beaten) problems.push(`${describeRoute(beaten)} wins over it (not a failover link: left alone)`);
    return { ok: true, value: { verified, routes: after.routes, detail: problems.join('; ').slice(0, 500) } };
  }

  private async ensureLinkTable(link: RouteLink, index: number, target: string): Promise<RouteOutcome> {
    const table = String(LINK_TABLE_BASE + index);
    const priority = String(LINK_RULE_PRIORITY_BASE + index);
    const route = await this.ip(['-4', 'route', 'replace', 'default', 'via', link.gateway, 'dev', link.interface, 'table', table]);
    if (!route.ok) return failure('route-failed', route.message);
    const shown = await this.ip(['-4', '-json', 'address', 'show', 'dev', link.interface]);
    // An interface without an address yet (DHCP pending) gets its return rule on a later call.
    const address = shown.ok ? parseFirstAddress(shown.stdout) : null;
    const wanted: RuleSelector[] = [{ from: 'all', to: 'all', oif: link.interface }, ...(address ? [{ from: address, to: target, oif: null }] : [])];
    const listed = await this.ip(['-4', '-json', 'rule', 'show']);
    const rules = listed.ok ? parseRules(listed.stdout) : null;
    if (rules === null) return failure('route-failed', listed.ok ? 'ip rule printed something unreadable' : listed.message);
    const ours = rules.filter((r) => r.table === table);
    // Rules for this table that are not wanted now: an old address, an old target, another link's helper.
    for (const stale of ours.filter((r) => !wanted.some((w) => sameSelector(r, w)))) {
      await this.ip(['-4', 'rule', 'del', 'priority', String(stale.priority), ...selectorArgs(stale), 'lookup', table]);
    }
    for (const missing of wanted.filter((w) => !ours.some((r) => sameSelector(r, w)))) {
      const added = await this.ip(['-4', 'rule', 'add', ...selectorArgs(missing), 'lookup', table, 'priority', priority]);
      if (!added.ok) return failure('route-failed', added.message);
    }
    return { ok: true, value: { table: LINK_TABLE_BASE + index } };
  }

  private async readDefaults(): Promise<{ ok: true; routes: DefaultRoute[] } | { ok: false; error: HelperError }> {
    const shown = await this.ip(['-4', '-json', 'route', 'show', 'default']);
    if (!shown.ok) return failure('route-failed', shown.message);
    const routes = parseDefaultRoutes(shown.stdout);
    return routes === null ? failure('route-failed', 'ip route printed something unreadable') : { ok: true, routes: routes.slice(0, 64) };
  }

  private isLink(name: string | null): name is string {
    return this.links.some((l) => l.interface === name);
  }

  private allowed(): string {
    return this.links.length === 0 ? 'it was started without --route-link' : `its links: ${this.links.map((l) => l.interface).join(', ')}`;
  }
}

type RuleSelector = Pick<IpRule, 'from' | 'to' | 'oif'>;

function sameSelector(a: RuleSelector, b: RuleSelector): boolean {
  return a.from === b.from && a.to === b.to && a.oif === b.oif;
}

function selectorArgs(r: RuleSelector): string[] {
  return [...(r.from !== 'all' ? ['from', r.from] : []), ...(r.to !== 'all' ? ['to', r.to] : []), ...(r.oif !== null ? ['oif', r.oif] : [])];
}

function failure(code: HelperError['code'], message: string): { ok: false; error: HelperError } {
  return { ok: false, error: { code, message: message.slice(0, 500) } };
}
