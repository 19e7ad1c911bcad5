import type { NomConfig } from '../../shared/config-schema.js';
import { ActionRunner } from '../actions/action-runner.js';
import { UpdownActions } from '../actions/updown-actions.js';
import { systemClock, type Clock } from '../clock.js';
import type { Logger } from '../log.js';
import { notifiersFromConfig } from '../notify/from-config.js';
import type { Notifier } from '../notify/notifier.js';
import { chooseProber, type ProbeOrder, type ProbePreference } from '../probe/choose-prober.js';
import { bundledHelperCommand, RouteClient } from '../probe/route-client.js';
import { localZone, type Zone } from '../time/zone.js';
import { Runtime, type RuntimeOptions } from './runtime.js';

export interface ComposeOptions {
  dataDir: string;
  log: Logger;
  clock?: Clock;
  zone?: Zone;
  /** Whether action scripts log to syslog (imon's syslogflag): under systemd they do. */
  syslog?: boolean;
  /** Channels the face adds to the configuration's own (the desktop's notifications). */
  extraNotifiers?: () => Notifier[];
  /** How `auto` probes (the desktop app's order and helpers); by default the daemon's: the bundled helper, then ping, then TCP. */
  probeOrder?: ProbeOrder;
  /** 'report': keep running when nothing can probe, and say why (the desktop app); by default 'throw' (the daemon). */
  whenProbingFails?: RuntimeOptions['whenProbingFails'];
}

/**
 * The runtime as this machine runs it: probes through the privileged helper, the system ping
 * or TCP as the configuration asks, the configuration's notification channels and action
 * script. The one composition `nom daemon` and the desktop app share; nothing starts until
 * `start()`.
 */
export function composeRuntime(config: NomConfig, options: ComposeOptions): Runtime {
  const clock = options.clock ?? systemClock;
  const { log } = options;
  const runtime: RuntimeOptions = {
    dataDir: options.dataDir,
    clock,
    log,
    zone: options.zone ?? localZone(),
    chooseProber: (probe, { mayAsk }) =>
      chooseProber({ ...(options.probeOrder ?? { helperCommand: bundledHelperCommand() }), preference: probePreference(probe), mayAsk, log: log.child('probe') }),
    whenProbingFails: options.whenProbingFails ?? 'throw',
    channels: (c) => channelsOf(c, clock, log, options),
    ...routeControlOf(options.probeOrder, log),
  };
  return new Runtime(config, runtime);
}

function channelsOf(config: NomConfig, clock: Clock, log: Logger, options: ComposeOptions): ReturnType<RuntimeOptions['channels']> {
  const actions = config.action
    ? new ActionRunner({ script: config.action.script, timeoutMs: config.action.timeout * 1000, instance: config.instance, syslog: options.syslog ?? false, log: log.child('action') })
    : null;
  if (actions?.runAs) log.info(`action scripts run as uid ${actions.runAs.uid}, never as root`);
  const notifiers = [...notifiersFromConfig(config.notify, clock, log), ...(options.extraNotifiers?.() ?? [])];
  if (actions) notifiers.push(new UpdownActions(actions));
  return { notifiers, actions };
}

/**
 * Failover's helper where the face says how helpers start: route changes need root, so the
 * one started with the user's permission when there is one. Otherwise failover runs the helper
 * beside this install, as the daemon does.
 */
function routeControlOf(order: ProbeOrder | undefined, log: Logger): Pick<RuntimeOptions, 'routeControl'> {
  const command = order?.elevatedHelperCommand ?? order?.helperCommand;
  return command ? { routeControl: (links) => new RouteClient({ command, links, log: log.child('helper') }) } : {};
}

/** The configuration's `probe` (checked by its schema) as the prober chooser takes it. */
function probePreference(probe: NomConfig['probe']): ProbePreference {
  if (probe === 'auto' || probe === 'icmp' || probe === 'ping') return { kind: probe };
  return { kind: 'tcp', port: Number(probe.slice('tcp:'.length)) };
}
