import type { NomConfig } from '../../shared/config-schema.js';
import { ActionRunner } from '../actions/action-runner.js';
import { UpdownActions } from '../actions/updown-actions.js';
import { systemClock, type Clock } from '../clock.js';
import type { Logger } from '../log.js';
import { notifiersFromConfig } from '../notify/from-config.js';
import type { Notifier } from '../notify/notifier.js';
import { chooseProber, type ProbePreference } from '../probe/choose-prober.js';
import { bundledHelperCommand } from '../probe/route-client.js';
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
    chooseProber: (probe) => chooseProber({ preference: probePreference(probe), helperCommand: bundledHelperCommand(), log: log.child('probe') }),
    channels: (c) => channelsOf(c, clock, log, options),
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

/** The configuration's `probe` (checked by its schema) as the prober chooser takes it. */
function probePreference(probe: NomConfig['probe']): ProbePreference {
  if (probe === 'auto' || probe === 'icmp' || probe === 'ping') return { kind: probe };
  return { kind: 'tcp', port: Number(probe.slice('tcp:'.length)) };
}
