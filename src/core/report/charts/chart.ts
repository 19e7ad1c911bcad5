import * as vega from 'vega';
import { compile, type Config, type TopLevelSpec } from 'vega-lite';
import { escapeMarkup } from '../html/escape.js';
import { sansWidth } from './text-width.js';

/** A chart of a report, ready to embed: in the HTML as it is, in the PDF through pdf/svg-draw.ts. */
export interface Chart {
  /** The heading shown above it. */
  title: string;
  /** What it shows and how to read it, in one or two sentences: the caption, and what a screen reader says. */
  description: string;
  /** One `<svg>` element: fixed size, white background, every style an inline attribute, no ids. */
  svg: string;
  width: number;
  height: number;
}

/** Fits an A4 page's text width at 96 dpi with margins, so print never scales it below its type size. */
const CHART_WIDTH = 680;
const CHART_HEIGHT = 240;

/** Fonts every PDF reader and browser has, or a close match; text is measured by estimate, so the exact face does not matter. */
const CHART_FONT = 'Helvetica, Arial, "Liberation Sans", "DejaVu Sans", sans-serif';

/**
 * Colours told apart in greyscale too (dark, middle, light), never a dark background: these are
 * printed and photocopied.
 */
export const COLOURS = {
  down: '#a50f15',
  targetOnly: '#5e9fd0',
  unmonitored: '#b8b8b8',
  line: '#08306b',
  band: '#c6dbef',
  second: '#e6550d',
  ink: '#222222',
  grid: '#e2e2e2',
} as const;

const CONFIG: Config = {
  background: 'white',
  font: CHART_FONT,
  // ARIA attributes on every bar would triple the size of a year's chart; the whole chart gets one label instead.
  aria: false,
  padding: 6,
  view: { stroke: null },
  axis: {
    labelColor: COLOURS.ink,
    titleColor: COLOURS.ink,
    domainColor: '#777777',
    tickColor: '#777777',
    gridColor: COLOURS.grid,
    labelFontSize: 11,
    titleFontSize: 11,
    titleFontWeight: 'normal',
  },
  legend: { orient: 'top', labelFontSize: 11, labelLimit: 0, labelColor: COLOURS.ink, title: null, symbolStrokeWidth: 0 },
};

/** vega's default size for text with none set. */
const DEFAULT_FONT_SIZE = 11;

interface TextItem {
  fontSize?: number;
}

/**
 * Without a canvas, vega guesses every character 0.8 em wide, half as wide again as a sans
 * serif's: legends and axes then take room they do not use, and month labels are dropped as
 * if they overlapped. vega lets its measure be replaced (vl-convert does the same); the
 * typings do not declare it.
 */
const { textMetrics } = vega as unknown as { textMetrics: { width: (item: TextItem, line: string | number | null | undefined) => number } };
textMetrics.width = (item, line) => sansWidth(line == null ? '' : String(line).trim(), item.fontSize ?? DEFAULT_FONT_SIZE);

/** A warning from vega means a chart that says less than it should (a dropped format, a bad field): a test must see it, not the console. */
const STRICT: vega.LoggerInterface = {
  level(level?: number) {
    return level === undefined ? WARN : this;
  },
  error(...args: unknown[]) {
    throw new Error(`chart: ${args.join(' ')}`);
  },
  warn(...args: unknown[]) {
    throw new Error(`chart: ${args.join(' ')}`);
  },
  info() {
    return this;
  },
  debug() {
    return this;
  },
};
const WARN = 2;

const FIT = { type: 'fit', contains: 'padding' } as const;

/**
 * Renders a vega-lite spec to SVG in Node (no DOM, no canvas), fitted to CHART_WIDTH × height
 * with its axes and legend inside.
 */
export async function renderChart(spec: TopLevelSpec, text: { title: string; description: string }, height = CHART_HEIGHT): Promise<Chart> {
  const fitted = { ...spec, width: CHART_WIDTH, height, autosize: FIT, config: CONFIG } as TopLevelSpec;
  const view = new vega.View(vega.parse(compile(fitted, { logger: STRICT }).spec), { renderer: 'none', logger: STRICT });
  try {
    return { ...text, svg: labelled(await view.toSVG(), text), width: CHART_WIDTH, height };
  } finally {
    view.finalize();
  }
}

/**
 * The chart as one labelled image: a title and description for screen readers, and without the
 * class names vega adds for its own stylesheets, which nothing here uses.
 */
function labelled(svg: string, text: { title: string; description: string }): string {
  const open = svg.indexOf('>') + 1;
  const root = svg
    .slice(0, open)
    .replace(/ class="[^"]*"/, '')
    .replace(/ xmlns:xlink="[^"]*"/, '')
    .replace('<svg ', `<svg role="img" aria-label="${escapeMarkup(text.title)}" `);
  const body = svg.slice(open).replace(/ class="[^"]*"/g, '');
  return `${root}<title>${escapeMarkup(text.title)}</title><desc>${escapeMarkup(text.description)}</desc>${body}`;
}
