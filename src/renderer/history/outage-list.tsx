import { useEffect, useState } from 'preact/hooks';
import { useClock } from '../app/api-context.js';
import { dateTime, duration, isoTime, number } from '../lib/format.js';
import { causeText } from '../lib/words.js';
import type { HistoryOutage } from './timeline-geometry.js';

const PAGE = 25;

/** Every outage of the range, newest first, a page at a time: ten thousand rows would be ten thousand nodes. */
export function OutageList({ outages, onPick }: { outages: HistoryOutage[]; onPick: (o: HistoryOutage) => void }) {
  const { zone } = useClock();
  const [page, setPage] = useState(0);
  useEffect(() => setPage(0), [outages]);
  const pages = Math.max(1, Math.ceil(outages.length / PAGE));
  const shown = outages.slice(page * PAGE, page * PAGE + PAGE);
  if (outages.length === 0) return <p class="empty">No outages in this range.</p>;
  return (
    <div class="outage-list">
      <div class="table-scroll">
        <table class="table table-outages">
          <thead>
            <tr>
              <th scope="col">Began</th>
              <th scope="col">Target</th>
              <th scope="col" class="num">
                Lasted
              </th>
              <th scope="col">Cause</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((o) => (
              <tr key={`${o.target}-${o.start}`}>
                <td>
                  <button type="button" class="link-button" onClick={() => onPick(o)} aria-label={`Details of the outage of ${o.target} that began ${dateTime(o.start, zone)}`}>
                    <time dateTime={isoTime(o.start)}>{dateTime(o.start, zone)}</time>
                  </button>
                </td>
                <td class="col-target">{o.target}</td>
                <td class="num">{o.end === null ? <strong class="ongoing">ongoing</strong> : duration(o.duration_s)}</td>
                <td class="col-cause">{causeText(o.cause)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {pages > 1 && (
        <nav class="pager" aria-label="Pages of outages">
          <button type="button" class="button" disabled={page === 0} onClick={() => setPage(page - 1)}>
            Newer
          </button>
          <span class="pager-where">
            {number(page * PAGE + 1)}–{number(Math.min(outages.length, page * PAGE + PAGE))} of {number(outages.length)}
          </span>
          <button type="button" class="button" disabled={page >= pages - 1} onClick={() => setPage(page + 1)}>
            Older
          </button>
        </nav>
      )}
    </div>
  );
}
