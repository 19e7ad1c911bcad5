import { useState } from 'preact/hooks';
import { addDays, dayKey, dayOf, parseDayKey, type Day } from '../lib/zone-time.js';
import { rangeOf, secondsOf, shifted, UNITS, type Range, type RangeUnit } from './range.js';

interface Props {
  range: Range;
  now: number;
  zone: string;
  onChange: (range: Range) => void;
}

const UNIT_NAMES: Record<Range['unit'], string> = { day: 'day', week: 'week', month: 'month', year: 'year', custom: 'range', span: 'span' };

/** Day, week, month or year, stepped back and forth; or any two days. */
export function RangePicker({ range, now, zone, onChange }: Props) {
  const [custom, setCustom] = useState(range.unit === 'custom');
  const today = dayOf(now, zone);
  const { from, to } = secondsOf(range, zone);
  const anchor: Day = from <= now && now < to ? today : dayOf(from, zone);
  const last = dayOf(to - 1, zone);
  const name = UNIT_NAMES[range.unit];

  const pickUnit = (unit: RangeUnit) => {
    setCustom(false);
    onChange(rangeOf(unit, anchor));
  };
  const setBound = (which: 'first' | 'last', text: string) => {
    const day = parseDayKey(text);
    if (day === null) return;
    const first = which === 'first' ? day : dayOf(from, zone);
    const end = which === 'last' ? addDays(day, 1) : addDays(last, 1);
    if (dayKey(first) < dayKey(end)) onChange({ unit: 'custom', first, end });
  };

  return (
    <div class="range-picker">
      <div class="segmented" role="group" aria-label="Show a">
        {UNITS.map((u) => (
          <button key={u.unit} type="button" class="segment" aria-pressed={!custom && range.unit === u.unit} onClick={() => pickUnit(u.unit)}>
            {u.label}
          </button>
        ))}
        <button type="button" class="segment" aria-pressed={custom} onClick={() => setCustom(true)}>
          Custom
        </button>
      </div>
      <div class="range-steps">
        <button type="button" class="button icon-button" aria-label={`Previous ${name}`} onClick={() => onChange(shifted(range, -1))}>
          ‹
        </button>
        <button type="button" class="button" disabled={from <= now && now < to} onClick={() => onChange(rangeOf(range.unit === 'custom' || range.unit === 'span' ? 'day' : range.unit, today))}>
          Today
        </button>
        <button type="button" class="button icon-button" aria-label={`Next ${name}`} disabled={to > now} onClick={() => onChange(shifted(range, 1))}>
          ›
        </button>
      </div>
      {custom && (
        <div class="range-custom">
          <label class="inline-field">
            From
            <input type="date" class="input" value={dayKey(dayOf(from, zone))} max={dayKey(today)} onChange={(e) => setBound('first', e.currentTarget.value)} />
          </label>
          <label class="inline-field">
            To
            <input type="date" class="input" value={dayKey(last)} max={dayKey(today)} onChange={(e) => setBound('last', e.currentTarget.value)} />
          </label>
        </div>
      )}
    </div>
  );
}
