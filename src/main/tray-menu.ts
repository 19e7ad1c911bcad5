import type { PeriodKind, ReportPeriod } from '../core/report/job/report-periods.js';
import type { MenuTemplate } from './ports.js';

export interface TrayActions {
  exportReport(kind: PeriodKind): void;
  quit(): void;
}

/** The tray's menu: the ISP report one click away, for each period people ask about. */
export function trayMenu(periods: ReportPeriod[], actions: TrayActions): MenuTemplate {
  return [
    {
      label: 'Export ISP report',
      submenu: periods.map((period) => ({ label: `${period.label}…`, click: () => actions.exportReport(period.kind) })),
    },
    { type: 'separator' },
    { label: 'Quit nom', click: () => actions.quit() },
  ];
}
