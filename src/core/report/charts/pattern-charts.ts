import type { TopLevelSpec } from 'vega-lite';
import type { TargetAnalysis } from '../../analysis/analysis.js';
import { COLOURS, renderChart, type Chart } from './chart.js';
import { durationUnit, inUnit } from './duration-unit.js';

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const HOURS = Array.from({ length: 24 }, (_, h) => String(h).padStart(2, '0'));

/** Internet downtime in each local hour of the day, with how many outages began in it: a pattern an ISP has to explain. */
export function hourChart(analysis: TargetAnalysis): Promise<Chart> {
  return patternChart(HOURS, analysis.byHour, {
    axis: 'Hour of the day (local time; 00 is midnight to 1 am)',
    title: 'Downtime by hour of the day',
    what: 'Each bar is an hour of the day',
  });
}

export function weekdayChart(analysis: TargetAnalysis): Promise<Chart> {
  return patternChart(WEEKDAYS, analysis.byWeekday, {
    axis: 'Day of the week (local time)',
    title: 'Downtime by day of the week',
    what: 'Each bar is a day of the week',
  });
}

function patternChart(labels: string[], tally: { seconds: number[]; starts: number[] }, text: { axis: string; title: string; what: string }): Promise<Chart> {
  const unit = durationUnit(Math.max(0, ...tally.seconds));
  const values = labels.map((label, i) => ({ label, value: inUnit(tally.seconds[i] ?? 0, unit), starts: tally.starts[i] ?? 0 }));
  // Headroom above the tallest bar for its count.
  const top = Math.max(0, ...values.map((v) => v.value)) * 1.12 || 1;
  const spec: TopLevelSpec = {
    data: { values },
    encoding: {
      x: { field: 'label', type: 'ordinal', sort: null, title: text.axis, axis: { labelAngle: 0 } },
      y: { field: 'value', type: 'quantitative', title: `Downtime (${unit.name})`, scale: { domain: [0, top], nice: true } },
    },
    layer: [
      { mark: { type: 'bar', color: COLOURS.down } },
      {
        // Written above each bar, so the count is read without a legend.
        transform: [{ filter: 'datum.starts > 0' }],
        mark: { type: 'text', dy: -6, baseline: 'bottom', fontSize: 10, color: COLOURS.ink },
        encoding: { text: { field: 'starts', type: 'quantitative' } },
      },
    ],
  };
  return renderChart(spec, {
    title: text.title,
    description: `${text.what}: its height is the internet downtime in it, in ${unit.name}, over the whole period; the number above it is how many outages began in it.`,
  });
}
