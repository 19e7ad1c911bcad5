import { useState } from 'preact/hooks';
import type { ApiResult, StatusValue } from '../../shared/api-contract.js';
import { useApi, useClock } from '../app/api-context.js';
import { clockTime, duration } from '../lib/format.js';

type Paused = StatusValue['paused'];

/** Pausing stops the record (a planned reboot is not an outage); the pause is shown for as long as it lasts. */
export function PauseControls({ paused, now, onStatus }: { paused: Paused; now: number; onStatus: (s: StatusValue) => void }) {
  const api = useApi();
  const { zone } = useClock();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const run = async (call: () => Promise<ApiResult<StatusValue>>) => {
    setBusy(true);
    const result = await call();
    setBusy(false);
    setError(result.ok ? null : result.error.message);
    if (result.ok) onStatus(result.value);
  };
  const pause = (minutes: 15 | 60 | null) => void run(() => api.pause({ minutes }));

  return (
    <section class={`pause card${paused === null ? '' : ' pause-on'}`} aria-labelledby="pause-title">
      <h2 id="pause-title" class="pause-title">
        {paused === null ? 'Pause probing' : 'Probing is paused'}
      </h2>
      {paused === null ? (
        <>
          <p class="pause-hint">For a planned reboot or maintenance: paused time is neither uptime nor downtime.</p>
          <div class="button-row">
            <button type="button" class="button" disabled={busy} onClick={() => pause(15)}>
              15 minutes
            </button>
            <button type="button" class="button" disabled={busy} onClick={() => pause(60)}>
              1 hour
            </button>
            <button type="button" class="button" disabled={busy} onClick={() => pause(null)}>
              Until resumed
            </button>
          </div>
        </>
      ) : (
        <>
          <p class="pause-hint">
            {paused.until === null ? 'Until you resume it' : `Until ${clockTime(paused.until, zone)}, ${duration(paused.until - now)} from now`}
            {paused.reason === '' ? '' : ` · ${paused.reason}`}
          </p>
          <div class="button-row">
            <button type="button" class="button button-primary" disabled={busy} onClick={() => void run(() => api.resume({}))}>
              Resume probing
            </button>
          </div>
        </>
      )}
      {error !== null && (
        <p class="field-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
