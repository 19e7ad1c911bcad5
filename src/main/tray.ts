import { join } from 'node:path';
import type { Clock, Timer } from '../core/clock.js';
import { reportPeriods } from '../core/report/job/report-periods.js';
import type { Zone } from '../core/time/zone.js';
import type { BusEventType } from '../shared/live-events.js';
import type { Autostart } from './autostart.js';
import type { MonitorSource } from './monitor-source.js';
import type { ElectronPorts, ImagePort } from './ports.js';
import { trayMenu, type TrayActions, type TrayMenuActions } from './tray-menu.js';
import { trayView, unreachableView, type TrayState, type TrayView } from './tray-state.js';

export interface TrayDeps {
  electron: Pick<ElectronPorts, 'createTray' | 'imageFromPath' | 'buildMenu' | 'dialog'>;
  source: MonitorSource;
  actions: TrayActions;
  autostart: Autostart;
  clock: Clock;
  /** The zone of the report periods' calendar months. */
  zone: Zone;
  /** assets/tray: STATE.png beside STATE@2x.png. */
  iconDir: string;
}

export interface TrayHandle {
  /** Reads the state afresh and shows it: after the app switched to another source, which sends no event for it. */
  redraw(): void;
  stop(): void;
}

/** The events after which the tray may show something else. */
const REDRAWN_ON: ReadonlySet<BusEventType> = new Set(['state', 'pause', 'resume', 'session', 'health']);

/** "Up 3 d 4 h", "since 09:12" and the months the report periods name move on with the clock. */
const REFRESH_MS = 60_000;

const PAUSE_REASON = 'paused from the tray';

/**
 * The tray icon: its image tells the connection's state, its tooltip and its menu's first item
 * the same line in words. Drawn from `source.api.status` after every event that can change it
 * and once a minute. The image is set only when the state changes; the tooltip and the menu are
 * cheap and are rebuilt each time.
 */
export function setupTray(deps: TrayDeps): TrayHandle {
  const { electron, source, clock } = deps;
  const images = new Map<TrayState, ImagePort>();
  const imageOf = (state: TrayState): ImagePort => {
    let image = images.get(state);
    if (!image) {
      image = electron.imageFromPath(join(deps.iconDir, `${state}.png`));
      images.set(state, image);
    }
    return image;
  };

  let shown: TrayState = 'paused';
  const tray = electron.createTray(imageOf(shown));
  tray.on('click', () => deps.actions.openDashboard());

  let stopped = false;
  const showError = (title: string) => (err: unknown) => {
    if (!stopped) electron.dialog.showErrorBox(title, messageOf(err));
  };
  const menuActions: TrayMenuActions = {
    ...deps.actions,
    pause: (minutes) => void source.api.pause({ minutes, reason: PAUSE_REASON }).then(redraw, showError('Monitoring could not be paused')),
    resume: () => void source.api.resume({}).then(redraw, showError('Monitoring could not be resumed')),
    setStartAtLogin: (enabled) => void deps.autostart.setEnabled(enabled).then(redraw, showError('Start at login could not be changed')),
  };

  const draw = (view: TrayView, paused: boolean): void => {
    if (view.state !== shown) {
      shown = view.state;
      tray.setImage(imageOf(shown));
    }
    tray.setToolTip(view.line);
    const now = Math.floor(clock.now() / 1000);
    tray.setContextMenu(electron.buildMenu(trayMenu({ view, paused, startAtLogin: startsAtLogin(deps.autostart) }, reportPeriods(now, deps.zone), menuActions)));
  };

  const readAndDraw = async (): Promise<void> => {
    let status;
    try {
      status = await source.api.status({});
    } catch (err) {
      if (!stopped) draw(unreachableView(messageOf(err)), false);
      return;
    }
    if (!stopped) draw(trayView(status, Math.floor(clock.now() / 1000)), status.paused !== null);
  };

  // A burst of events (a pause turns every target to paused, one event each) is one redraw more, not one each.
  let drawing = false;
  let again = false;
  function redraw(): void {
    if (stopped) return;
    if (drawing) {
      again = true;
      return;
    }
    drawing = true;
    void (async () => {
      try {
        do {
          again = false;
          await readAndDraw();
        } while (again && !stopped);
      } finally {
        drawing = false;
      }
    })();
  }

  // Until the monitor first answers, the menu already offers everything but the state.
  draw({ state: shown, line: 'Starting…', targets: [] }, false);

  const unsubscribe = source.subscribe((event) => {
    if (REDRAWN_ON.has(event.type)) redraw();
  });
  let timer: Timer | null = null;
  const tick = () => {
    redraw();
    timer = clock.setTimeout(tick, REFRESH_MS);
  };
  tick();

  return {
    redraw,
    stop() {
      stopped = true;
      unsubscribe();
      if (timer) clock.clearTimeout(timer);
      tray.destroy();
    },
  };
}

/** A file that cannot be read leaves the box unticked rather than the menu unbuilt. */
function startsAtLogin(autostart: Autostart): boolean {
  try {
    return autostart.isEnabled();
  } catch {
    return false;
  }
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
