import type { PeriodKind, ReportPeriod } from '../core/report/job/report-periods.js';
import type { MenuTemplate } from './ports.js';
import type { TrayView } from './tray-state.js';

/** What the app does when asked from the tray: main.ts gives these. */
export interface TrayActions {
  openDashboard(): void;
  openSettings(): void;
  exportReport(kind: PeriodKind): void;
  quit(): void;
}

/** The menu's items that the tray carries out itself, through the monitor and the autostart entry. */
export interface TrayMenuActions extends TrayActions {
  /** 15 or 60 minutes; null: until resumed. */
  pause(minutes: 15 | 60 | null): void;
  resume(): void;
  setStartAtLogin(enabled: boolean): void;
}

export interface TrayMenuState {
  view: TrayView;
  paused: boolean;
  startAtLogin: boolean;
}

/**
 * The tray's menu. Its first item is the tooltip's line, since on Linux the AppIndicator may show
 * no tooltip and reports no clicks: the menu is all a user there sees. Then each target's state,
 * and the ISP report one click away for each period people ask about.
 */
export function trayMenu(state: TrayMenuState, periods: ReportPeriod[], actions: TrayMenuActions): MenuTemplate {
  const pauseItem: MenuTemplate[number] = state.paused
    ? { label: 'Resume', click: () => actions.resume() }
    : {
        label: 'Pause',
        submenu: [
          { label: '15 min', click: () => actions.pause(15) },
          { label: '1 hour', click: () => actions.pause(60) },
          { label: 'Until resumed', click: () => actions.pause(null) },
        ],
      };
  return [
    { label: state.view.line, enabled: false },
    ...state.view.targets.map((line) => ({ label: line, enabled: false })),
    { type: 'separator' },
    { label: 'Open dashboard', click: () => actions.openDashboard() },
    {
      label: 'Export ISP report',
      submenu: periods.map((period) => ({ label: `${period.label}…`, click: () => actions.exportReport(period.kind) })),
    },
    pauseItem,
    { type: 'separator' },
    { label: 'Settings…', click: () => actions.openSettings() },
    { label: 'Start at login', type: 'checkbox', checked: state.startAtLogin, click: () => actions.setStartAtLogin(!state.startAtLogin) },
    { type: 'separator' },
    { label: 'Quit nom', click: () => actions.quit() },
  ];
}
