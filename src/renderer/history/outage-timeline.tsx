import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { HistoryValue } from '../../shared/api-contract.js';
import { useClock } from '../app/api-context.js';
import { dateTime, duration } from '../lib/format.js';
import { remPx } from '../lib/rem.js';
import { causeText } from '../lib/words.js';
import { outageAt, outageSpans, rowsOf, scaleOf, shadedPaths, spansPath, ticksOf, type HistoryOutage } from './timeline-geometry.js';

/** How near a click must land to an outage to pick it, in pixels: a one-second outage is one pixel wide. */
const SLACK_PX = 5;
/** A drag shorter than this is a click. */
const DRAG_PX = 6;

interface Props {
  history: HistoryValue;
  now: number;
  onPick: (outage: HistoryOutage) => void;
  onZoom: (from: number, to: number) => void;
}

/**
 * One row per target: outages as bars (shaded by how much of each pixel they cover), degraded
 * periods as a striped band beneath, time not monitored hatched. Each kind is a path or three per
 * row, however many outages; a click
 * finds its outage by binary search, and a drag across the chart zooms to what it covers.
 */
export function OutageTimeline({ history, now, onPick, onZoom }: Props) {
  const { zone } = useClock();
  const box = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  const [hover, setHover] = useState<{ x: number; y: number; text: string } | null>(null);
  const [drag, setDrag] = useState<{ x0: number; x1: number } | null>(null);
  // Rows follow the type size (a 4K screen's larger rem), measured once: the names beside the chart take the same height.
  const [{ rowPx, axisPx }] = useState(() => ({ rowPx: Math.round(remPx() * 2.25), axisPx: Math.round(remPx() * 1.6) }));

  useEffect(() => {
    const el = box.current;
    if (el === null) return;
    const resize = new ResizeObserver(() => setWidth(el.clientWidth));
    resize.observe(el);
    return () => resize.disconnect();
  }, []);

  const rows = useMemo(() => rowsOf(history, now), [history, now]);
  const scale = useMemo(() => scaleOf(history.from, history.to, width), [history.from, history.to, width]);
  const inset = Math.round(rowPx * 0.1);
  const drawn = useMemo(
    () =>
      rows.map((r, i) => {
        const y = i * rowPx;
        return {
          name: r.name,
          unmonitored: spansPath(r.unmonitored, scale, y + inset, rowPx - 2 * inset),
          down: shadedPaths(outageSpans(r), scale, width, y + Math.round(rowPx * 0.18), Math.round(rowPx * 0.44)),
          degraded: spansPath(r.degraded, scale, y + Math.round(rowPx * 0.66), Math.round(rowPx * 0.2)),
        };
      }),
    [rows, scale, width, rowPx, inset],
  );
  const ticks = useMemo(() => ticksOf(history.from, history.to, width, zone), [history.from, history.to, width, zone]);
  const height = rows.length * rowPx;
  const nowX = now > history.from && now < history.to ? scale.x(now) : null;

  const found = (x: number, y: number): HistoryOutage | null => {
    const row = rows[Math.floor(y / rowPx)];
    return row === undefined ? null : outageAt(row, scale.t(x), (SLACK_PX * (history.to - history.from)) / Math.max(1, width));
  };
  const local = (e: PointerEvent) => {
    const r = (e.currentTarget as SVGElement).getBoundingClientRect();
    return { x: Math.min(Math.max(0, e.clientX - r.left), width), y: e.clientY - r.top };
  };

  return (
    <div class="timeline">
      <ul class="timeline-names" aria-hidden="true">
        {rows.map((r) => (
          <li key={r.name} title={r.name} style={{ height: `${rowPx}px` }}>
            {r.name}
          </li>
        ))}
      </ul>
      <div class="timeline-plot" ref={box}>
        {width > 0 && (
          <svg
            width={width}
            height={height + axisPx}
            role="img"
            aria-label={`Outage timeline of ${rows.length} targets; the list below has each outage`}
            class={hover !== null ? 'timeline-hot' : undefined}
            onPointerDown={(e) => {
              (e.currentTarget as SVGElement).setPointerCapture(e.pointerId);
              const { x } = local(e);
              setDrag({ x0: x, x1: x });
            }}
            onPointerMove={(e) => {
              const p = local(e);
              if (drag !== null) {
                setDrag({ ...drag, x1: p.x });
                return;
              }
              const o = found(p.x, p.y);
              setHover(o === null ? null : { x: p.x, y: p.y, text: `${o.target} · ${dateTime(o.start, zone)} · ${o.end === null ? 'ongoing' : duration(o.duration_s)} · ${causeText(o.cause)}` });
            }}
            onPointerLeave={() => setHover(null)}
            onPointerUp={(e) => {
              const p = local(e);
              const d = drag;
              setDrag(null);
              if (d !== null && Math.abs(p.x - d.x0) >= DRAG_PX) {
                onZoom(Math.round(scale.t(Math.min(d.x0, p.x))), Math.round(scale.t(Math.max(d.x0, p.x))));
                return;
              }
              const o = found(p.x, p.y);
              if (o !== null) onPick(o);
            }}
          >
            <defs>
              <pattern id="tl-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
                <rect width="6" height="6" class="tl-hatch-bg" />
                <line x1="0" y1="0" x2="0" y2="6" class="tl-hatch-line" />
              </pattern>
              <pattern id="tl-stripes" width="5" height="5" patternUnits="userSpaceOnUse" patternTransform="rotate(-45)">
                <rect width="5" height="5" class="tl-stripe-bg" />
                <line x1="0" y1="0" x2="0" y2="5" class="tl-stripe-line" />
              </pattern>
            </defs>
            {drawn.map((d, i) => (
              <rect key={`track-${d.name}`} class="tl-track" x="0" y={i * rowPx + inset} width={width} height={rowPx - 2 * inset} rx="3" />
            ))}
            {ticks.map((k) => (
              <line key={`grid-${k.t}`} class="tl-grid" x1={scale.x(k.t)} x2={scale.x(k.t)} y1="0" y2={height} />
            ))}
            {drawn.map((d) => (
              <g key={d.name}>
                <path class="tl-unmonitored" d={d.unmonitored} />
                <path class="tl-degraded" d={d.degraded} />
                {d.down.map((path, shade) => (
                  <path key={shade} class={`tl-down tl-shade-${shade}`} d={path} />
                ))}
              </g>
            ))}
            {nowX !== null && (
              <>
                <rect class="tl-future" x={nowX} y="0" width={width - nowX} height={height} />
                <line class="tl-now" x1={nowX} x2={nowX} y1="0" y2={height} />
              </>
            )}
            {ticks.map((k) => (
              <text key={`tick-${k.t}`} class="tl-tick" x={scale.x(k.t) + 3} y={height + axisPx * 0.68}>
                {k.label}
              </text>
            ))}
            {drag !== null && <rect class="tl-select" x={Math.min(drag.x0, drag.x1)} y="0" width={Math.abs(drag.x1 - drag.x0)} height={height} />}
          </svg>
        )}
        {hover !== null && drag === null && (
          <div class="tooltip" style={{ left: `${Math.min(hover.x, width - 260)}px`, top: `${hover.y + 18}px` }}>
            {hover.text}
          </div>
        )}
      </div>
    </div>
  );
}
