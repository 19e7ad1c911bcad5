import { useRef, useState } from 'preact/hooks';
import type { HistoryValue } from '../../shared/api-contract.js';
import { count, dayMonth, duration, longDay } from '../lib/format.js';
import { parseDayKey, weekdayOf, type Day } from '../lib/zone-time.js';

type DayFigure = HistoryValue['days'][number];

/** Downtime per day in five steps: none, under a minute, under ten, under an hour, more. */
const LEVELS = [0, 60, 600, 3_600];
/** Up to two months, the days are laid out as a wall calendar (a row per week) and carry their numbers. */
const CALENDAR_UP_TO_DAYS = 62;
const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

function levelOf(d: DayFigure): number {
  if (d.outages === 0 && d.downtime_s === 0) return 0;
  return LEVELS.filter((l) => d.downtime_s >= l).length;
}

function labelOf(day: Day, d: DayFigure, future: boolean): string {
  if (future) return `${longDay(day)}: not yet`;
  const what = d.outages === 0 ? 'no outages' : `${count(d.outages, 'outage')}, ${duration(d.downtime_s)} down`;
  return `${longDay(day)}: ${what}`;
}

/**
 * A calendar of daily downtime: for up to two months a wall calendar, a row per week; for longer
 * ranges a column per week, as a year fits a screen that way. One tab stop for the whole grid:
 * the arrow keys move by a day or a week as the layout shows them, Enter opens that day.
 */
export function HeatMap({ days, today, onPick }: { days: DayFigure[]; today: string; onPick: (day: Day) => void }) {
  const grid = useRef<HTMLDivElement>(null);
  const cells = days.flatMap((d) => {
    const day = parseDayKey(d.day);
    return day === null ? [] : [{ day, figure: d }];
  });
  const worst = cells.reduce((best, c, i) => ((cells[best]?.figure.downtime_s ?? 0) < c.figure.downtime_s ? i : best), 0);
  const [active, setActive] = useState<number | null>(null);
  const current = Math.min(active ?? worst, cells.length - 1);
  const firstDay = cells[0]?.day;
  if (firstDay === undefined) return null;
  const lead = weekdayOf(firstDay) - 1;
  const calendar = cells.length <= CALENDAR_UP_TO_DAYS;

  const move = (to: number) => {
    const next = Math.max(0, Math.min(cells.length - 1, to));
    setActive(next);
    grid.current?.querySelector<HTMLElement>(`[data-cell="${next}"]`)?.focus();
  };
  const onKey = (e: KeyboardEvent, i: number) => {
    const steps: Record<string, number> = calendar ? { ArrowUp: -7, ArrowDown: 7, ArrowLeft: -1, ArrowRight: 1 } : { ArrowUp: -1, ArrowDown: 1, ArrowLeft: -7, ArrowRight: 7 };
    const step = steps[e.key];
    if (step !== undefined) move(i + step);
    else if (e.key === 'Home') move(0);
    else if (e.key === 'End') move(cells.length - 1);
    else return;
    e.preventDefault();
  };

  const months = calendar ? [] : cells.filter((c, i) => c.day.day === 1 || i === 0).map((c) => ({ label: dayMonth(c.day, true), column: Math.floor((cells.indexOf(c) + lead) / 7) + 1 }));
  return (
    <div class={`heat ${calendar ? 'heat-calendar' : 'heat-year'}`}>
      <div class="heat-scroll">
        {months.length > 0 && (
          <div class="heat-months" aria-hidden="true">
            {months.map((m) => (
              <span key={`${m.label}-${m.column}`} style={{ gridColumnStart: String(m.column) }}>
                {m.label}
              </span>
            ))}
          </div>
        )}
        <div class="heat-body">
          <div class="heat-weekdays" aria-hidden="true">
            {WEEKDAYS.map((w, i) => (
              <span key={w}>{calendar || i % 2 === 0 ? w : ''}</span>
            ))}
          </div>
          <div class="heat-grid" ref={grid} role="group" aria-label="Downtime per day: arrow keys move, Enter opens a day">
            {Array.from({ length: lead }, (_, i) => (
              <span key={`lead-${i}`} class="heat-pad" />
            ))}
            {cells.map((c, i) => {
              // YYYY-MM-DD compares as the calendar does.
              const future = c.figure.day > today;
              const label = labelOf(c.day, c.figure, future);
              return (
              <button
                key={c.figure.day}
                type="button"
                data-cell={i}
                class={`heat-cell ${future ? 'heat-future' : `lv${levelOf(c.figure)}`}`}
                tabIndex={i === current ? 0 : -1}
                aria-label={label}
                title={label}
                onClick={() => onPick(c.day)}
                onFocus={() => setActive(i)}
                onKeyDown={(e) => onKey(e, i)}
              >
                {calendar ? c.day.day : ''}
              </button>
              );
            })}
          </div>
        </div>
      </div>
      <p class="heat-legend" aria-hidden="true">
        <span>No downtime</span>
        {[0, 1, 2, 3, 4].map((l) => (
          <span key={l} class={`heat-swatch lv${l}`} />
        ))}
        <span>over an hour</span>
      </p>
    </div>
  );
}
