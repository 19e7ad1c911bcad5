import type { TopLevelSpec } from 'vega-lite';
import type { TargetSection } from '../document/report-document.js';
import { COLOURS, renderChart, type Chart } from './chart.js';
import { durationUnit, inUnit } from './duration-unit.js';

const BAR_HEIGHT = 34;
const AXES_HEIGHT = 50;

/** Downtime by cause, each bar labelled with its count and duration in words. */
export function causeChart(t: TargetSection): Promise<Chart> {
  const seconds = t.causes.map((c) => t.analysis.byCause[c.cause].seconds);
  const unit = durationUnit(Math.max(0, ...seconds));
  const values = t.causes.map((c, i) => ({
    label: c.label,
    value: inUnit(seconds[i]!, unit),
    text: `${c.count} ${c.count === 1 ? 'outage' : 'outages'}, ${c.duration}`,
    colour: c.cause === 'target' ? COLOURS.targetOnly : COLOURS.down,
  }));
  const largest = Math.max(0, ...values.map((v) => v.value));
  const y = { field: 'label', type: 'nominal', sort: null, title: null, axis: { labelLimit: 0 } } as const;
  // Room on the right for the longest bar's words.
  const x = { field: 'value', type: 'quantitative', title: `Downtime (${unit.name})`, scale: { domainMax: largest * 1.45 || 1, nice: false } } as const;
  const spec: TopLevelSpec = {
    data: { values },
    encoding: { y, x },
    layer: [
      { mark: { type: 'bar' }, encoding: { color: { field: 'colour', type: 'nominal', scale: null } } },
      { mark: { type: 'text', align: 'left', dx: 5, fontSize: 11, color: COLOURS.ink }, encoding: { text: { field: 'text', type: 'nominal' } } },
    ],
  };
  return renderChart(
    spec,
    {
      title: 'Outages by cause',
      description: 'Each bar is the downtime of one cause; the words beside it say how many outages it had and how long they lasted in all.',
    },
    AXES_HEIGHT + BAR_HEIGHT * Math.max(1, values.length),
  );
}
