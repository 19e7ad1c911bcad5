import type { TargetSection } from '../document/report-document.js';
import { causeChart } from './cause-chart.js';
import type { Chart } from './chart.js';
import { dailyChart } from './daily-chart.js';
import { latencyCharts } from './latency-charts.js';
import { hourChart, weekdayChart } from './pattern-charts.js';

/**
 * A target's charts, in the order a report shows them. A chart with nothing to show is left
 * out rather than drawn empty: no hour-of-day pattern without internet outages, no latency
 * without the ping monitor, no downtime without the up/down monitor.
 */
export async function targetCharts(t: TargetSection): Promise<Chart[]> {
  const charts: Chart[] = [];
  // A target the ping monitor alone watched has no up/down record: a day chart would be all "not monitored".
  // A range of no length (a report made the second monitoring began) has no day to draw.
  if ((t.analysis.recorded || t.latency === null) && t.daily.length > 0) charts.push(await dailyChart(t.daily));
  if (t.causes.length > 0) charts.push(await causeChart(t));
  if (t.outages.length > 0) charts.push(await hourChart(t.analysis), await weekdayChart(t.analysis));
  if (t.latency) charts.push(...(await latencyCharts(t.latency)));
  return charts;
}
