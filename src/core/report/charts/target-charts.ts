import type { TargetSection } from '../document/report-document.js';
import { causeChart } from './cause-chart.js';
import type { Chart } from './chart.js';
import { dailyChart } from './daily-chart.js';
import { latencyChart, lossChart } from './latency-charts.js';
import { hourChart, weekdayChart } from './pattern-charts.js';

/**
 * A target's charts, in the order a report shows them. A chart with nothing to show is left
 * out rather than drawn empty: no hour-of-day pattern without internet outages, no latency
 * without the ping monitor.
 */
export async function targetCharts(t: TargetSection): Promise<Chart[]> {
  const charts = [await dailyChart(t.daily)];
  if (t.causes.length > 0) charts.push(await causeChart(t));
  if (t.outages.length > 0) charts.push(await hourChart(t.analysis), await weekdayChart(t.analysis));
  if (t.latency && t.latency.length > 0) charts.push(await latencyChart(t.latency), await lossChart(t.latency));
  return charts;
}
