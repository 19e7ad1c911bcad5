import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import { useClock } from '../app/api-context.js';
import { clockTime, count, number } from '../lib/format.js';
import { rtt } from '../lib/words.js';
import { remPx } from '../lib/rem.js';
import { readPalette, watchScheme, type Palette } from './chart-palette.js';
import { summary, type LiveSeries, type Series } from './live-series.js';

export const WINDOW_S = 3_600;
/** New points come with each probe; this keeps the hour sliding while none come (paused, down). */
const SLIDE_MS = 5_000;

/**
 * The last hour of one target's round trips, drawn by uPlot. A probe without answer leaves a
 * gap in the line and a mark in the loss colour from top to bottom, so that loss is seen even
 * where the line would hide it.
 */
export function RttChart({ name, series }: { name: string; series: LiveSeries }) {
  const { zone, skew } = useClock();
  const box = useRef<HTMLDivElement>(null);
  const readout = useRef<HTMLSpanElement>(null);
  const figures = useRef<HTMLSpanElement>(null);

  useEffect(() => {
    const el = box.current;
    if (el === null) return;
    let palette = readPalette(el);
    const now = () => Date.now() / 1000 + skew;
    const height = () => Math.round(remPx() * 8);
    // uPlot draws its axes on the canvas, so their type size is given here rather than by the stylesheet.
    const font = `${Math.round(remPx() * 0.75)}px system-ui, sans-serif`;
    const options: uPlot.Options = {
      width: el.clientWidth,
      height: height(),
      tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), zone),
      legend: { show: false },
      cursor: { y: false, points: { show: false }, drag: { x: false, y: false } },
      scales: { x: { time: true, range: () => [now() - WINDOW_S, now()] }, y: { range: (_u, _min, max) => [0, Math.max(10, (max || 0) * 1.2)] } },
      axes: [
        { font, stroke: () => palette.text, grid: { stroke: () => palette.grid, width: 1 }, ticks: { show: false }, space: remPx() * 4, values: (_u, v) => v.map((t) => clockTime(t, zone)) },
        { font, stroke: () => palette.text, grid: { stroke: () => palette.grid, width: 1 }, ticks: { show: false }, values: (_u, v) => v.map((n) => `${n} ms`), size: remPx() * 4 },
      ],
      series: [{}, { stroke: () => palette.line, fill: () => palette.fill, width: 1.5, points: { show: false }, spanGaps: false }],
      hooks: {
        draw: [(u) => drawLoss(u, palette)],
        setCursor: [(u) => showReadout(u, readout.current, zone)],
      },
    };
    const plot = new uPlot(options, dataOf(series.get(name)), el);
    let frame = 0;
    const redraw = () => {
      if (frame !== 0) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        const s = series.get(name);
        plot.setData(dataOf(s));
        if (figures.current !== null) figures.current.textContent = figuresText(s);
      });
    };
    redraw();
    const stopListening = series.listen(name, redraw);
    const slide = setInterval(redraw, SLIDE_MS);
    const resize = new ResizeObserver(() => plot.setSize({ width: el.clientWidth, height: height() }));
    resize.observe(el);
    const stopWatching = watchScheme(() => {
      palette = readPalette(el);
      plot.redraw(false);
    });
    return () => {
      cancelAnimationFrame(frame);
      clearInterval(slide);
      stopListening();
      stopWatching();
      resize.disconnect();
      plot.destroy();
    };
  }, [name, series, zone, skew]);

  return (
    <figure class="rtt">
      <figcaption class="rtt-caption">
        <span class="rtt-name">{name}</span>
        <span class="rtt-figures" ref={figures} />
        <span class="rtt-readout" ref={readout} aria-hidden="true" />
      </figcaption>
      <div class="rtt-plot" ref={box} aria-hidden="true" />
    </figure>
  );
}

function dataOf(s: Series): uPlot.AlignedData {
  return [s.at, s.rtt];
}

function figuresText(s: Series): string {
  const { probes, lost, meanMs } = summary(s);
  if (probes === 0) return 'no probes in the last hour';
  const mean = meanMs === null ? 'no answers' : `mean ${rtt(meanMs)}`;
  return `${mean} · ${lost === 0 ? 'no loss' : `${count(lost, 'lost probe')} of ${number(probes)}`}`;
}

function drawLoss(u: uPlot, palette: Palette): void {
  const [at, rtts] = u.data as [number[], (number | null)[]];
  const { top, height } = u.bbox;
  const ctx = u.ctx;
  const px = Math.max(1, Math.round(devicePixelRatio));
  ctx.save();
  ctx.fillStyle = palette.loss;
  for (let i = 0; i < at.length; i++) {
    if (rtts[i] !== null) continue;
    const x = Math.round(u.valToPos(at[i] ?? 0, 'x', true));
    ctx.globalAlpha = 0.28;
    ctx.fillRect(x - px, top, 2 * px, height);
    // A solid foot, so that a single lost probe is seen even on a busy line.
    ctx.globalAlpha = 1;
    ctx.fillRect(x - px, top + height - 6 * px, 2 * px, 6 * px);
  }
  ctx.restore();
}

function showReadout(u: uPlot, el: HTMLElement | null, zone: string): void {
  if (el === null) return;
  const i = u.cursor.idx;
  const at = i == null ? undefined : u.data[0][i];
  if (i == null || at === undefined) {
    el.textContent = '';
    return;
  }
  const value = u.data[1]?.[i];
  el.textContent = `${clockTime(at, zone, true)} · ${value == null ? 'no answer' : rtt(value)}`;
}
