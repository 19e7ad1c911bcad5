import { UserError } from '../errors.js';
import type { Logger } from '../log.js';
import { HelperClient, type HelperClientOptions } from './helper-client.js';
import type { HelperCommand } from './helper-process.js';
import { PingBinaryProber, type PingBinaryOptions } from './ping-binary.js';
import type { Prober } from './prober.js';
import { TcpProber } from './tcp.js';

/** `auto` tries the helper, then ping, then TCP (when a port is given); the others insist on one mechanism. */
export type ProbePreference =
  | { kind: 'auto'; tcpPort?: number }
  | { kind: 'icmp' }
  | { kind: 'ping' }
  | { kind: 'tcp'; port: number };

export interface ChooseProberOptions {
  preference: ProbePreference;
  helperCommand: HelperCommand;
  log: Logger;
  ping?: PingBinaryOptions;
  helper?: Omit<HelperClientOptions, 'command' | 'log'>;
}

export interface ChosenProber {
  prober: Prober;
  /** One line for the log, read after "probing with": which mechanism, and why it. */
  description: string;
}

/** Loopback only: the check must answer whether ping works here, without sending anything off the machine. */
const PING_CHECK_ADDRESS = '127.0.0.1';
const PING_CHECK_TIMEOUT_MS = 1_000;

/** Picks the probe mechanism once, at start-up. Throws a UserError naming what failed when none works. */
export async function chooseProber(options: ChooseProberOptions): Promise<ChosenProber> {
  const { preference, log } = options;
  if (preference.kind === 'tcp') return { prober: new TcpProber(preference.port), description: `TCP connects to port ${preference.port} (as asked)` };

  const refusals: string[] = [];
  if (preference.kind !== 'ping') {
    const helper = await startHelper(options);
    if (helper.ok) return { prober: helper.prober, description: `the privileged ICMP helper (raw sockets: ${helper.families})` };
    refusals.push(`the ICMP helper did not start (${helper.detail})`);
    if (preference.kind === 'icmp') throw new UserError(`${refusals[0]}: give nom the privilege to open raw sockets, or choose another probe`);
  }

  const ping = await checkPing(options.ping);
  if (ping.ok) return { prober: ping.prober, description: `the system ping binary${because(refusals)}` };
  refusals.push(`ping does not work here (${ping.detail})`);
  if (preference.kind === 'ping') throw new UserError(`${refusals.at(-1)}: install iputils ping or allow unprivileged ICMP, or choose another probe`);

  if (preference.tcpPort !== undefined) {
    log.warn('no ICMP probe works; falling back to TCP', { port: preference.tcpPort });
    return { prober: new TcpProber(preference.tcpPort), description: `TCP connects to port ${preference.tcpPort}${because(refusals)}` };
  }
  throw new UserError(`no way to probe: ${refusals.join('; ')}; and no TCP port was given for TCP probes`);
}

async function startHelper(options: ChooseProberOptions): Promise<{ ok: true; prober: Prober; families: string } | { ok: false; detail: string }> {
  const client = new HelperClient({ ...options.helper, command: options.helperCommand, log: options.log.child('helper') });
  const start = await client.whenStarted();
  if (start.ok) return { ok: true, prober: client, families: start.families.join(', ') };
  // Closing stops its restart attempts: this mechanism is out for this run.
  await client.close();
  return { ok: false, detail: start.detail };
}

async function checkPing(pingOptions: PingBinaryOptions | undefined): Promise<{ ok: true; prober: Prober } | { ok: false; detail: string }> {
  const prober = new PingBinaryProber(pingOptions);
  const result = await prober.probe(PING_CHECK_ADDRESS, PING_CHECK_TIMEOUT_MS);
  if (result.ok) return { ok: true, prober };
  await prober.close();
  const detail = result.reason === 'timeout' ? `no reply from ${PING_CHECK_ADDRESS}` : result.reason === 'local' ? `${result.code}: ${result.detail}` : result.detail;
  return { ok: false, detail };
}

function because(refusals: string[]): string {
  return refusals.length > 0 ? ` (${refusals.join('; ')})` : '';
}
