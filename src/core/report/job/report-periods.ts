import { DateTime, type Zone } from 'luxon';

export const PERIOD_KINDS = ['last-month', 'this-month', 'last-30-days', 'everything'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

/** A range offered with one click: the tray's "Export ISP report" menu. */
export interface ReportPeriod {
  kind: PeriodKind;
  label: string;
  /** Unix seconds; absent: from the first record. */
  from?: number;
  /** Unix seconds; absent: to the last record. */
  to?: number;
}

/**
 * What people send their ISP: last month whole (the bill's period), this month so far, the
 * last 30 days, or everything. Months are the calendar months of `zone`. A menu shows these
 * labels; the export works the bounds out again when it runs, so they are never stale.
 */
export function reportPeriods(now: number, zone: Zone): ReportPeriod[] {
  return PERIOD_KINDS.map((kind) => reportPeriod(kind, now, zone));
}

export function reportPeriod(kind: PeriodKind, now: number, zone: Zone): ReportPeriod {
  const at = DateTime.fromSeconds(now, { zone });
  const thisMonth = at.startOf('month');
  switch (kind) {
    case 'last-month': {
      const lastMonth = thisMonth.minus({ months: 1 });
      return { kind, label: `Last month (${lastMonth.toFormat('MMMM yyyy', { locale: 'en' })})`, from: lastMonth.toSeconds(), to: thisMonth.toSeconds() };
    }
    case 'this-month':
      return { kind, label: `This month so far (${thisMonth.toFormat('MMMM', { locale: 'en' })})`, from: thisMonth.toSeconds(), to: now };
    case 'last-30-days':
      return { kind, label: 'Last 30 days', from: at.minus({ days: 30 }).toSeconds(), to: now };
    case 'everything':
      return { kind, label: 'Everything recorded' };
  }
}
