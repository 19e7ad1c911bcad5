import { UserError } from '../errors.js';
import type { Logger } from '../log.js';
import { HelperClient, type HelperClientOptions } from './helper-client.js';
import type { HelperCommand } from './helper-process.js';
import { PingBinaryProber, type PingBinaryOptions } from './ping-binary.js';
import { unprivilegedIcmpHere, type UnprivilegedIcmp } from './ping-group-range.js';
import { cannotProbeAdvice, pingWorksBecause } from './probe-advice.js';
import type { Prober } from './prober.js';
import { TcpProber } from './tcp.js';

/** `auto` tries the helper, then ping, then TCP (when a port is given); the others insist on one mechanism. */
export type ProbePreference =
  | { kind: 'auto'; tcpPort?: number }
  | { kind: 'icmp' }
  | { kind: 'ping' }
  | { kind: 'tcp'; port: number };

/**
 * How `auto` goes about it. The daemon (as given by default): the helper, then ping, then TCP.
 * The desktop app asks for no privilege where none is needed: ping first, then the helper as it
 * is (it works when it has the privilege already: root, a setcap'd runtime), then the helper
 * with the user's permission (pkexec), then TCP.
 */
export interface ProbeOrder {
  /** null: this platform has no way to start it yet. */
  helperCommand: HelperCommand | null;
  pingFirst?: boolean;
  /** The helper started with the user's permission, which raises a dialog: tried after `helperCommand`, and only when `mayAsk`. */
  elevatedHelperCommand?: HelperCommand | null;
}

export interface ChooseProberOptions extends ProbeOrder {
  preference: ProbePreference;
  log: Logger;
  ping?: PingBinaryOptions;
  helper?: Omit<HelperClientOptions, 'command' | 'log'>;
  /**
   * False on a retry no one asked for: a permission dialog is shown only when the user has just
   * done something. The retry follows a start that asked and was refused, so it counts as refused.
   */
  mayAsk?: boolean;
  /** Whether this process may use unprivileged ICMP sockets (by default read from the running kernel). */
  icmp?: UnprivilegedIcmp;
}

export interface ChosenProber {
  prober: Prober;
  /** One line for the log, read after "probing with": which mechanism, and why it. */
  description: string;
}

/** Loopback only: the check must answer whether ping works here, without sending anything off the machine. */
const PING_CHECK_ADDRESS = '127.0.0.1';
const PING_CHECK_TIMEOUT_MS = 1_000;
/** pkexec's helper says ready only once the user has answered the dialog: time to read it and type a password. */
const ELEVATED_READY_TIMEOUT_MS = 120_000;
/** pkexec's own exit codes for a dismissed dialog (126) and a refusal (127). */
const PKEXEC_REFUSALS = [126, 127] as const;

/** Picks the probe mechanism once, at start-up. Throws a UserError naming what failed when none works. */
export async function chooseProber(options: ChooseProberOptions): Promise<ChosenProber> {
  const { preference, log } = options;
  if (preference.kind === 'tcp') return { prober: new TcpProber(preference.port), description: `TCP connects to port ${preference.port} (as asked)` };
  if (preference.kind === 'auto' && options.pingFirst) return pingFirst(options, preference.tcpPort);

  const refusals: string[] = [];
  if (preference.kind !== 'ping') {
    const helper = await startHelpers(options);
    if (helper.ok) return { prober: helper.prober, description: helper.description };
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

/** The desktop's `auto`: what needs no privilege first, then the helper, then TCP; when none works, words the user can act on. */
async function pingFirst(options: ChooseProberOptions, tcpPort: number | undefined): Promise<ChosenProber> {
  const icmp = options.icmp ?? unprivilegedIcmpHere();
  const ping = await checkPing(options.ping);
  if (ping.ok) return { prober: ping.prober, description: `the system ping binary (${pingWorksBecause(icmp)})` };
  const helper = await startHelpers(options);
  if (helper.ok) return { prober: helper.prober, description: `${helper.description} (ping does not work here: ${ping.detail})` };
  const words = cannotProbeAdvice({ ping: ping.detail, icmp, helper: helper.detail, refused: helper.refused });
  if (tcpPort === undefined) throw new UserError(words);
  options.log.warn('no ICMP probe works; falling back to TCP', { port: tcpPort, why: words });
  return { prober: new TcpProber(tcpPort), description: `TCP connects to port ${tcpPort} (ping does not work here: ${ping.detail}; the ICMP helper did not start: ${helper.detail})` };
}

type HelperOutcome = { ok: true; prober: Prober; description: string } | { ok: false; detail: string; refused: boolean };

/** The helper as it is, then with the user's permission where there is a way to ask and asking is fitting now. */
async function startHelpers(options: ChooseProberOptions): Promise<HelperOutcome> {
  const plain = options.helperCommand ? await startHelper(options, options.helperCommand) : { ok: false as const, detail: 'nom has no way to start it on this system' };
  if (plain.ok) return { ok: true, prober: plain.prober, description: `the privileged ICMP helper (raw sockets: ${plain.families})` };
  const elevated = options.elevatedHelperCommand;
  if (!elevated) return { ok: false, detail: plain.detail, refused: false };
  if (options.mayAsk === false) return { ok: false, detail: plain.detail, refused: true };
  const asked = await startHelper(options, elevated, { readyTimeoutMs: ELEVATED_READY_TIMEOUT_MS, refusalExitCodes: PKEXEC_REFUSALS });
  if (asked.ok) return { ok: true, prober: asked.prober, description: `the ICMP helper, run with your permission through ${elevated.command} (raw sockets: ${asked.families})` };
  options.log.warn('the ICMP helper was not allowed to run', { command: elevated.command, detail: asked.detail });
  return { ok: false, detail: plain.detail, refused: true };
}

async function startHelper(
  options: ChooseProberOptions,
  command: HelperCommand,
  elevated: Pick<HelperClientOptions, 'readyTimeoutMs' | 'refusalExitCodes'> = {},
): Promise<{ ok: true; prober: Prober; families: string } | { ok: false; detail: string }> {
  const client = new HelperClient({ ...options.helper, ...elevated, command, log: options.log.child('helper') });
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
