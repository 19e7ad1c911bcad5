import { setFlagsFromString } from 'node:v8';
import type { Command } from 'commander';
import type { NomConfig } from '../../shared/config-schema.js';
import { ActionRunner } from '../../core/actions/action-runner.js';
import { UpdownActions } from '../../core/actions/updown-actions.js';
import { systemClock } from '../../core/clock.js';
import { instanceConfigPath, loadConfig } from '../../core/config/config-file.js';
import { resolveUpdown, type ResolvedUpdown } from '../../core/config/resolve-updown.js';
import { Engine } from '../../core/engine/engine.js';
import { servicesFromConfig } from '../../core/engine/services-from-config.js';
import { UserError } from '../../core/errors.js';
import { createLogger, type Logger } from '../../core/log.js';
import { UPDOWN_DEFAULTS } from '../../core/monitors/updown-options.js';
import { defaultGateway } from '../../core/net/default-gateway.js';
import { startHttpServer, type RunningServer } from '../../core/http/http-server.js';
import { parseListenAddress, type ListenAddress } from '../../core/http/listen-address.js';
import { ReportQueue } from '../../core/report/job/report-queue.js';
import { runReportJob } from '../../core/report/job/run-report-job.js';
import { notifiersFromConfig } from '../../core/notify/from-config.js';
import type { Notifier } from '../../core/notify/notifier.js';
import { defaultDataDir } from '../../core/paths.js';
import { chooseProber, type ProbePreference } from '../../core/probe/choose-prober.js';
import { queryDns } from '../../core/probe/dns-query.js';
import { NO_PROBER, probesNeeded, type Prober } from '../../core/probe/prober.js';
import { bundledHelperCommand } from '../../core/probe/route-client.js';
import { configFromFlags, refuseMonitorFlags, type DaemonFlags } from '../daemon-flags.js';
import { positiveNumber, wholeNumber } from '../numbers.js';

interface DaemonOptions extends DaemonFlags {
  data: string;
  http?: string;
  config?: string;
  instance?: string;
  verbose?: boolean;
}

/** How long queued action calls get to run at shutdown. */
const ACTIONS_STOP_MS = 10_000;

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
  const updown = config.updown.enabled ? await resolveUpdown(config.updown) : null;
  const actions = config.action
    ? new ActionRunner({ script: config.action.script, timeoutMs: config.action.timeout * 1000, instance: config.instance, syslog: process.env.JOURNAL_STREAM !== undefined, log: log.child('action') })
    : null;
  if (path !== null) log.info(`configuration ${path} (instance ${config.instance})`);
  if (actions?.runAs) log.info(`action scripts run as uid ${actions.runAs.uid}, never as root`);
  const notifiers: Notifier[] = notifiersFromConfig(config.notify, systemClock, log);
  if (actions) notifiers.push(new UpdownActions(actions));

  const probing = probesNeeded({ updown: config.updown.enabled, ping: config.ping.enabled, failover: config.failover?.enabled ?? false });
  const { prober, description } = probing
    ? await chooseProber({ preference: probePreference(config.probe), helperCommand: bundledHelperCommand(), log: log.child('probe') })
    : { prober: NO_PROBER, description: null };
  if (description !== null) log.info(`probing with ${description}`);

  try {
    await monitor(config, opts.data, updown, prober, notifiers, actions, http, log);
  } finally {
    await prober.close();
  }
}

/** Runs the monitors until SIGINT/SIGTERM, then stops them in order: probing, records, notices, scripts. */
async function monitor(
  config: NomConfig,
  dataDir: string,
  updown: ResolvedUpdown | null,
  prober: Prober,
  notifiers: Notifier[],
  actions: ActionRunner | null,
  http: ListenAddress | null,
  log: Logger,
): Promise<void> {
  const engine = updown
    ? new Engine({
        dataDir,
        targets: updown.targets,
        options: { ...config.updown, confirmSpacing: UPDOWN_DEFAULTS.confirmSpacing },
        prober,
        clock: systemClock,
        log,
        notifiers,
        evidence: { gateway: () => defaultGateway(), dns: updown.dns && { ...updown.dns, query: queryDns }, addping: updown.addping },
      })
    : null;
  const services = servicesFromConfig(config, { dataDir, prober, clock: systemClock, log, actions: actions ?? { call: () => undefined } });
  // Listening first: a port that is taken stops the daemon before it writes a record.
  const live = [...(updown?.targets.map((t) => t.name) ?? []), ...(config.failover?.enabled ? [config.failover.primary.name, config.failover.standby.name] : [])];
  const server = http && (await serveHttp(http, dataDir, live, log));
  engine?.start();
  for (const service of services) service.start();
  if (updown) log.info(`watching ${updown.targets.map((t) => `${t.name} (${t.address})`).join(', ')} every ${config.updown.interval}s; records in ${dataDir}`);
  if (services.length > 0) log.info(`running ${services.map((s) => s.name).join(', ')}; records in ${dataDir}`);
  await untilSignal(log);
  await server?.close();
  await Promise.all(services.map((s) => s.stop()));
  await engine?.stop();
  await actions?.stop(ACTIONS_STOP_MS);
  log.info(engine ? 'stopped; every session closed with STOPPED' : 'stopped');
}

/** Reports are made in a worker thread, one at a time, so the probes' timers never wait on one. */
async function serveHttp(address: ListenAddress, dataDir: string, live: string[], log: Logger): Promise<RunningServer> {
  const reports = new ReportQueue(runReportJob);
  const server = await startHttpServer(address, { dataDir, reports, now: () => Math.floor(Date.now() / 1000), liveTargets: () => live, log: log.child('http') });
  log.info(`report page and API at ${server.url}`);
  return server;
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

function probePreference(text: string): ProbePreference {
  if (text === 'auto' || text === 'icmp' || text === 'ping') return { kind: text };
  const tcp = /^tcp:(\d{1,5})$/.exec(text);
  const port = tcp ? Number(tcp[1]) : 0;
  if (port >= 1 && port <= 65_535) return { kind: 'tcp', port };
  throw new UserError(`--probe: "${text}" is not one of auto, icmp, ping, tcp:PORT`);
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
