import { DateTime } from 'luxon';

/** A range offered with one click: the tray's "Export ISP report" menu. */
export interface ReportPeriod {
  label: string;
  /** Unix seconds; absent: from the first record. */
  from?: number;
  /** Unix seconds; absent: to the last record. */
  to?: number;
}

/**
 * What people send their ISP: last month whole (the bill's period), this month so far, the
 * last 30 days, or everything. Months are the calendar months of `zone`.
 */
export function reportPeriods(now: number, zone: string): ReportPeriod[] {
  const at = DateTime.fromSeconds(now, { zone });
  const thisMonth = at.startOf('month');
  const lastMonth = thisMonth.minus({ months: 1 });
  return [
    { label: `Last month (${lastMonth.toFormat('MMMM yyyy', { locale: 'en' })})`, from: lastMonth.toSeconds(), to: thisMonth.toSeconds() },
    { label: `This month so far (${thisMonth.toFormat('MMMM', { locale: 'en' })})`, from: thisMonth.toSeconds(), to: now },
    { label: 'Last 30 days', from: at.minus({ days: 30 }).toSeconds(), to: now },
    { label: 'Everything recorded' },
  ];
}
