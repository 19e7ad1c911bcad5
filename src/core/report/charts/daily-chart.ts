import type { TopLevelSpec } from 'vega-lite';
import type { DayTotals } from '../../analysis/analysis.js';
import { COLOURS, renderChart, type Chart } from './chart.js';
import { dayAxis, dayEdges } from './day-axis.js';
import { durationUnit, inUnit } from './duration-unit.js';

const DOWN = [
  { key: 'downtime', label: 'Internet down', colour: COLOURS.down },
  { key: 'targetOnly', label: 'Watched address silent, internet working', colour: COLOURS.targetOnly },
] as const;
const UNMONITORED = { label: 'Not monitored', colour: COLOURS.unmonitored };

/** The strip below the downtime for the hours not monitored, and the gap above it, in pixels. */
const STRIP = 34;
const GAP = 12;
const HEIGHT = 260;
const HOURS_IN_DAY = 24;

/**
 * Each day's internet downtime, with the time only the watched address was silent stacked on
 * it, and beneath, in a strip with a scale of its own (0 to 24 hours, right), the hours nothing
 * was watched: on one scale a day the monitor was off would dwarf every outage. One view with
 * two y scales, each given its own band of pixels, rather than two panels: vega fits one view to
 * the page, and a year of days renders in one pass. The stack is laid out here rather than by
 * vega's transforms, which are several times slower.
 */
export function dailyChart(daily: DayTotals[]): Promise<Chart> {
  const dates = daily.map((d) => d.date);
  const unit = durationUnit(Math.max(0, ...daily.map((d) => d.downtime + d.targetOnly)));
  const down = daily.flatMap((d) => {
    const edges = dayEdges(d.date, daily.length);
    let top = 0;
    // Zero-height bars draw nothing: leaving them out keeps a year's chart small.
    return DOWN.flatMap((s) => {
      if (d[s.key] <= 0) return [];
      const bottom = top;
      top += d[s.key];
      return [{ ...edges, series: s.label, bottom: inUnit(bottom, unit), top: inUnit(top, unit) }];
    });
  });
  const unmonitored = daily.flatMap((d) => (d.unmonitored > 0 ? [{ ...dayEdges(d.date, daily.length), series: UNMONITORED.label, hours: d.unmonitored / 3600 }] : []));
  const largest = Math.max(0, ...down.map((v) => v.top));
  const colour = {
    field: 'series',
    type: 'nominal',
    scale: { domain: [...DOWN.map((s) => s.label), UNMONITORED.label], range: [...DOWN.map((s) => s.colour), UNMONITORED.colour] },
  } as const;
  const spec: TopLevelSpec = {
    encoding: { x: dayAxis(dates), x2: { field: 'next' }, color: colour },
    resolve: { scale: { y: 'independent' }, axis: { y: 'independent' } },
    layer: [
      {
        data: { values: down },
        mark: { type: 'rect' },
        encoding: {
          y: {
            field: 'bottom',
            type: 'quantitative',
            title: `Down per day (${unit.name})`,
            scale: { domain: [0, largest || 1], nice: true, range: [{ expr: `height - ${STRIP + GAP}` }, 0] },
          },
          y2: { field: 'top' },
        },
      },
      {
        data: { values: unmonitored },
        mark: { type: 'rect' },
        encoding: {
          y: {
            field: 'hours',
            type: 'quantitative',
            // The legend says grey is time not monitored; beside the strip, its unit is enough.
            title: 'hours',
            scale: { domain: [0, HOURS_IN_DAY], range: [{ expr: 'height' }, { expr: `height - ${STRIP}` }] },
            axis: { orient: 'right', values: [0, 12, 24], grid: false, titleAngle: 0, titleAlign: 'left', titleBaseline: 'middle', titleX: 24, titleY: { expr: `height - ${STRIP / 2}` } },
          },
          y2: { datum: 0 },
        },
      },
    ],
  };
  return renderChart(
    spec,
    {
      title: 'Downtime per day',
      description: `Each bar is one day (local time). Above, its height is the internet downtime in ${unit.name}, with the time only the watched address was silent on top of it; in the strip below, on its own scale of 0 to 24 hours, the time the monitor was not running.`,
    },
    HEIGHT,
  );
}
