import type { TopLevelSpec } from 'vega-lite';
import type { LatencyPeriod } from '../document/report-document.js';
import { COLOURS, renderChart, type Chart } from './chart.js';
import { dayAxis, dayEdges, dayMiddle } from './day-axis.js';

const SERIES = [
  { label: 'Lowest to highest', colour: COLOURS.band },
  { label: 'Average', colour: COLOURS.line },
  { label: 'Jitter', colour: COLOURS.second },
] as const;

/**
 * The ping monitor's response times per day: the range from fastest to slowest answer, the
 * average, and the jitter. A day with no answers leaves a gap rather than a line drawn across it.
 */
export function latencyChart(latency: LatencyPeriod[]): Promise<Chart> {
  const values = latency.map((p) => ({ day: dayMiddle(p.period), min: p.minMs, avg: p.avgMs, max: p.maxMs, jitter: p.jitterMs }));
  const colour = { scale: { domain: SERIES.map((s) => s.label), range: SERIES.map((s) => s.colour) } };
  const spec: TopLevelSpec = {
    data: { values },
    encoding: { x: dayAxis(latency.map((p) => p.period)) },
    layer: [
      {
        mark: { type: 'area', opacity: 1 },
        encoding: { y: { field: 'min', type: 'quantitative', title: 'Milliseconds' }, y2: { field: 'max' }, color: { datum: SERIES[0].label, ...colour } },
      },
      { mark: { type: 'line', strokeWidth: 2 }, encoding: { y: { field: 'avg', type: 'quantitative' }, color: { datum: SERIES[1].label, ...colour } } },
      {
        mark: { type: 'line', strokeWidth: 1.5, strokeDash: [5, 3] },
        encoding: { y: { field: 'jitter', type: 'quantitative' }, color: { datum: SERIES[2].label, ...colour } },
      },
    ],
  };
  return renderChart(spec, {
    title: 'Response time per day',
    description: 'For each day, the shaded band runs from the fastest to the slowest answer, the solid line is the average answer time and the dashed line the jitter (how much answer times varied), all in milliseconds.',
  });
}

/** The share of echo requests that got no answer, per day. */
export function lossChart(latency: LatencyPeriod[]): Promise<Chart> {
  const values = latency.flatMap((p) => (p.loss === null || p.loss <= 0 ? [] : [{ ...dayEdges(p.period, latency.length), percent: Math.round(p.loss * 100_000) / 1000 }]));
  const top = Math.max(1, ...values.map((v) => v.percent));
  const spec: TopLevelSpec = {
    data: { values },
    mark: { type: 'rect', color: COLOURS.down },
    encoding: {
      x: dayAxis(latency.map((p) => p.period)),
      x2: { field: 'next' },
      y: { field: 'percent', type: 'quantitative', title: 'Lost (%)', scale: { domain: [0, top], nice: true } },
      y2: { datum: 0 },
    },
  };
  return renderChart(spec, {
    title: 'Lost echo requests per day',
    description: 'Each bar is one day: the percentage of echo requests (pings) that got no answer. No bar: nothing was lost, or the ping monitor did not run that day.',
  });
}
