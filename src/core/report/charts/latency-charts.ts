import type { TopLevelSpec } from 'vega-lite';
import type { PositionDef } from 'vega-lite/types_unstable/channeldef.js';
import type { Latency, LatencyPeriod } from '../document/report-document.js';
import { COLOURS, renderChart, type Chart } from './chart.js';
import { dayAxis, dayEdges, dayMiddle } from './day-axis.js';

const SERIES = [
  { label: 'Lowest to highest', colour: COLOURS.band },
  { label: 'Average', colour: COLOURS.line },
  { label: 'Jitter', colour: COLOURS.second },
] as const;

export type LatencyUnit = 'day' | 'hour';

/** Every third hour is named on the axis: two days of hours side by side leave room for no more. */
const LABEL_EVERY_HOURS = 3;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * A target's latency charts: per hour when the report covers two days or less (a day or two of
 * days would be a point or two), else per day.
 */
export async function latencyCharts(latency: Latency): Promise<Chart[]> {
  const [periods, unit] = latency.hours ? ([latency.hours, 'hour'] as const) : ([latency.days, 'day'] as const);
  return [await latencyChart(periods, unit), await lossChart(periods, unit)];
}

/**
 * The ping monitor's response times per day or hour: the range from fastest to slowest answer,
 * the average, and the jitter. A period with no answers leaves a gap rather than a line drawn
 * across it.
 */
export function latencyChart(periods: LatencyPeriod[], unit: LatencyUnit = 'day'): Promise<Chart> {
  const values = periods.map((p, i) => ({ ...at(p, i, unit), min: p.minMs, avg: p.avgMs, max: p.maxMs, jitter: p.jitterMs }));
  const colour = { scale: { domain: SERIES.map((s) => s.label), range: SERIES.map((s) => s.colour) } };
  const spec: TopLevelSpec = {
    data: { values },
    encoding: { x: axis(periods, unit) },
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
    title: `Response time per ${unit}`,
    description: `For each ${unit} (local time), the shaded band runs from the fastest to the slowest answer, the solid line is the average answer time and the dashed line the jitter (how much answer times varied), all in milliseconds.`,
  });
}

/** The share of echo requests that got no answer, per day or hour. */
export function lossChart(periods: LatencyPeriod[], unit: LatencyUnit = 'day'): Promise<Chart> {
  const percent = (loss: number) => Math.round(loss * 100_000) / 1000;
  const lossy = periods.flatMap((p, i) => (p.loss === null || p.loss <= 0 ? [] : [{ p, i, percent: percent(p.loss) }]));
  const top = Math.max(1, ...lossy.map((v) => v.percent));
  const y = { field: 'percent', type: 'quantitative' as const, title: 'Lost (%)', scale: { domain: [0, top], nice: true } };
  const spec: TopLevelSpec =
    unit === 'day'
      ? {
          data: { values: lossy.map((v) => ({ ...dayEdges(v.p.period, periods.length), percent: v.percent })) },
          mark: { type: 'rect', color: COLOURS.down },
          encoding: { x: dayAxis(periods.map((p) => p.period)), x2: { field: 'next' }, y, y2: { datum: 0 } },
        }
      : {
          data: { values: lossy.map((v) => ({ ...at(v.p, v.i, unit), percent: v.percent })) },
          mark: { type: 'bar', color: COLOURS.down },
          encoding: { x: axis(periods, unit), y },
        };
  return renderChart(spec, {
    title: `Lost echo requests per ${unit}`,
    description: `Each bar is one ${unit}: the percentage of echo requests (pings) that got no answer. No bar: nothing was lost, or the ping monitor did not run that ${unit}.`,
  });
}

/** Where a period sits on the x axis: a day at its middle on a time scale; an hour at its own place on an ordinal one. */
function at(p: LatencyPeriod, i: number, unit: LatencyUnit): { day: number } | { hour: string } {
  return unit === 'day' ? { day: dayMiddle(p.period) } : { hour: hourSlot(p, i) };
}

function axis(periods: LatencyPeriod[], unit: LatencyUnit): PositionDef<string> {
  if (unit === 'day') return dayAxis(periods.map((p) => p.period));
  return {
    field: 'hour',
    type: 'ordinal',
    sort: null,
    scale: { domain: periods.map(hourSlot) },
    title: null,
    axis: { labelExpr: "split(datum.value, '|')[1]", labelAngle: 0, grid: false },
  };
}

/**
 * An hour's place on the axis, `index|label`: unique even where a DST change repeats an hour
 * (wall-clock time would put both on one spot), and labelled with the date at midnight and the
 * time every few hours.
 */
function hourSlot(p: LatencyPeriod, i: number): string {
  const time = p.period.slice(11, 16);
  const hour = Number(time.slice(0, 2));
  const label = time === '00:00' ? `${Number(p.period.slice(8, 10))} ${MONTHS[Number(p.period.slice(5, 7)) - 1]}` : hour % LABEL_EVERY_HOURS === 0 && time.endsWith(':00') ? time : '';
  return `${i}|${label}`;
}
