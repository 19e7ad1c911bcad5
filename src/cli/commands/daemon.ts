import { setFlagsFromString } from 'node:v8';
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Command } from 'commander';
import type { NomConfig } from '../../shared/config-schema.js';
import { instanceConfigPath, loadConfig } from '../../core/config/config-file.js';
import { UserError } from '../../core/errors.js';
import { startHttpServer, type RunningServer } from '../../core/http/http-server.js';
import { ensureToken } from '../../core/http/http-token.js';
import { isLoopback, parseListenAddress, type ListenAddress } from '../../core/http/listen-address.js';
import { localUrl, removeListenRecord, writeListenRecord } from '../../core/http/listen-record.js';
import { createLogger, type Logger } from '../../core/log.js';
import { UPDOWN_DEFAULTS } from '../../core/monitors/updown-options.js';
import { bundledUiDir, defaultDataDir } from '../../core/paths.js';
import { ReportQueue } from '../../core/report/job/report-queue.js';
import { runReportJob } from '../../core/report/job/run-report-job.js';
import { configFileSaver, runtimeHandlers } from '../../core/runtime/api-handlers.js';
import { composeRuntime } from '../../core/runtime/compose.js';
import type { Runtime } from '../../core/runtime/runtime.js';
import { localZone } from '../../core/time/zone.js';
import { configFromFlags, refuseMonitorFlags, type DaemonFlags } from '../daemon-flags.js';
import { positiveNumber, wholeNumber } from '../numbers.js';

interface DaemonOptions extends DaemonFlags {
  data: string;
  http?: string;
  config?: string;
  instance?: string;
  verbose?: boolean;
}

/**
 * The daemon runs for months with a small, steady live set, which V8's defaults do not expect:
 * they let the old generation reach up to four times what is live before collecting it, and grow
 * the young one to 2 × 16 MB, since every round of a thousand targets outlives a collection or
 * two while its probes are in flight. These bound both in the form V8 still reads once running
 * (the daemon cannot choose its own command line): collect the old generation at 30 % past what
 * is live, and grow the young one no further. By then the modules have loaded, and grown the young
 * generation already: only the command line bounds it from the start, as `npm start` does
 * (--max-semi-space-size=1). Measured with 1,000 targets, resident at peak: 141–163 MB with
 * neither, 125–128 MB with these alone, 96–103 MB with both; CPU under 2 % of a core either way.
 */
const DAEMON_GC_FLAGS = ['--semi-space-growth-factor=1', '--heap-growing-percent=30'];

export function registerDaemon(program: Command): void {
  program
    .command('daemon')
    .description('watch targets and record every outage (runs until SIGINT/SIGTERM)')
    .option('--config <file>', 'read what to monitor from this configuration file (nom configure, nom import imon)')
    .option('--instance <name>', "read the named instance's configuration from the configuration folder (as imon's --instance)")
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
    .option('--http <[host:]port>', 'serve the report page and HTTP API here; a bare port listens on 127.0.0.1 only')
    .option('--verbose', 'log debug detail')
    .action((opts: DaemonOptions, command: Command) => runDaemon(opts, command));
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

async function runDaemon(opts: DaemonOptions, command: Command): Promise<void> {
  for (const flag of DAEMON_GC_FLAGS) setFlagsFromString(flag);
  const log = createLogger('nom', { minLevel: opts.verbose ? 'debug' : 'info' });
  const http = opts.http === undefined ? null : parseListenAddress(opts.http);
  const { config, path } = readConfig(opts, command, log);
  const runtime = composeRuntime(config, { dataDir: opts.data, log, syslog: process.env.JOURNAL_STREAM !== undefined });
  // Listening first: a port that is taken stops the daemon before it writes a record.
  const server = http && (await serveHttp(http, runtime, { dataDir: opts.data, configPath: path, log }));
  const stopping = untilSignal(log);
  try {
    await runtime.start();
    if (path !== null) log.info(`configuration ${path} (instance ${config.instance})`);
    if (server) await recordListening(server, opts.data, config.instance, log);
    await stopping;
  } finally {
    // The record goes first: an app starting now must not take a daemon that is closing for a live one.
    if (server) forgetListening(opts.data, log);
    await server?.close();
    await runtime.stop();
  }
  log.info('stopped; every session closed with STOPPED');
}

/**
 * Tells the desktop app on this machine where this daemon serves (listen-record.ts), so that it
 * watches this one rather than start a second set of monitors on the same data folder. Once the
 * monitors run: the data folder exists by then, and the record says they do. Not being able to
 * write it costs only that, so it is a warning, not a reason to stop monitoring.
 */
async function recordListening(server: ServedHttp, dataDir: string, instance: string, log: Logger): Promise<void> {
  try {
    await writeListenRecord(dataDir, { url: localUrl(server.url), pid: process.pid, instance, tokenFile: server.tokenFile });
  } catch (err) {
    log.warn(`the desktop app on this machine will not find this daemon: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** Never in the way of stopping the monitors: a record left behind is told stale by its pid. */
function forgetListening(dataDir: string, log: Logger): void {
  try {
    removeListenRecord(dataDir);
  } catch (err) {
    log.warn(`the listen record could not be removed: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** The server, and the file of the token it asks for (null on loopback, where it asks none). */
type ServedHttp = RunningServer & { tokenFile: string | null };

/** Reports are made in a worker thread, one at a time, so the probes' timers never wait on one. */
async function serveHttp(address: ListenAddress, runtime: Runtime, where: { dataDir: string; configPath: string | null; log: Logger }): Promise<ServedHttp> {
  const kept = tokenFile(where.configPath, where.dataDir);
  const beyondLoopback = !isLoopback(address.host);
  // On a first start the data folder, where the token may be kept, is yet to be made.
  if (beyondLoopback) mkdirSync(dirname(kept), { recursive: true });
  const token = beyondLoopback ? ensureToken(kept) : null;
  const server = await startHttpServer(address, {
    handlers: runtimeHandlers(runtime, { dataDir: where.dataDir, settings: configFileSaver(where.configPath), zone: localZone() }),
    subscribe: (listener) => runtime.bus.onAny(listener),
    dataDir: where.dataDir,
    reports: new ReportQueue(runReportJob),
    now: () => Math.floor(Date.now() / 1000),
    liveTargets: () => runtime.liveTargets(),
    uiDir: bundledUiDir(),
    token: token?.token ?? null,
    log: where.log.child('http'),
  });
  where.log.info(`dashboard and API at ${server.url}`);
  // Past the logger on purpose: it hides what follows a URL's host, and this once the secret is the point.
  if (token?.created) process.stderr.write(`nom: this address needs its access token; open ${server.url}/#token=${token.token}\n     (shown this once; it is kept in ${kept})\n`);
  else if (token) where.log.info(`this address needs the access token kept in ${kept}`);
  return { ...server, tokenFile: token ? resolve(kept) : null };
}

function readConfig(opts: DaemonOptions, command: Command, log: Logger): { config: NomConfig; path: string | null } {
  if (opts.config && opts.instance) throw new UserError('give --config or --instance, not both');
  const path = opts.config ?? (opts.instance ? instanceConfigPath(opts.instance) : null);
  if (path !== null) {
    refuseMonitorFlags(command, opts.config ? '--config' : '--instance');
    return { config: loadConfig(path), path };
  }
  const { config, defaulted } = configFromFlags(opts);
  if (defaulted) {
    const [first, second] = config.updown.targets;
    log.info(`no --target given: watching ${second ? `the default gateway ${first?.address} (as "gateway") and ` : ''}the public resolver ${(second ?? first)?.address} (as "internet")`);
    if (!second) log.warn('no default gateway found; outages cannot be told apart as local or ISP');
  }
  return { config, path: null };
}

/** The access token is kept with the configuration it serves, or in the data folder when there is no configuration file. */
function tokenFile(configPath: string | null, dataDir: string): string {
  return configPath === null ? join(dataDir, '.http-token') : configPath.replace(/(\.json)?$/, '.http-token');
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
