import type { JSX } from 'preact';
import type { TargetState } from '../../shared/live-events.js';

/**
 * A shape for each state, so that the state reads without its colour: a check in a circle, a
 * warning triangle, a cross in an octagon, a question mark, two pause bars.
 */
export function StateIcon({ state }: { state: TargetState }) {
  return (
    <svg class="icon" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      {SHAPES[state]}
    </svg>
  );
}

const SHAPES: Record<TargetState, JSX.Element> = {
  up: (
    <>
      <circle cx="8" cy="8" r="7" fill="currentColor" />
      <path d="M4.6 8.3l2.2 2.2 4.6-4.8" fill="none" stroke="var(--on-state)" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round" />
    </>
  ),
  degraded: (
    <>
      <path d="M8 1.2l7 12.6H1z" fill="currentColor" stroke="currentColor" stroke-width="1" stroke-linejoin="round" />
      <path d="M8 5.6v4" stroke="var(--on-state)" stroke-width="1.8" stroke-linecap="round" />
      <circle cx="8" cy="11.9" r="1" fill="var(--on-state)" />
    </>
  ),
  down: (
    <>
      <path d="M5.1 1h5.8L15 5.1v5.8L10.9 15H5.1L1 10.9V5.1z" fill="currentColor" />
      <path d="M5.5 5.5l5 5M10.5 5.5l-5 5" stroke="var(--on-state)" stroke-width="1.8" stroke-linecap="round" />
    </>
  ),
  unknown: (
    <>
      <circle cx="8" cy="8" r="6.3" fill="none" stroke="currentColor" stroke-width="1.4" stroke-dasharray="2.4 1.6" />
      <path d="M6.2 6.3a1.9 1.9 0 1 1 2.6 1.8c-.5.2-.8.6-.8 1.1v.4" fill="none" stroke="currentColor" stroke-width="1.5" stroke-linecap="round" />
      <circle cx="8" cy="11.6" r=".9" fill="currentColor" />
    </>
  ),
  paused: (
    <>
      <circle cx="8" cy="8" r="7" fill="currentColor" />
      <path d="M6.3 5v6M9.7 5v6" stroke="var(--on-state)" stroke-width="1.8" stroke-linecap="round" />
    </>
  ),
};

/** nom's mark: a pulse line crossing a ring, the beat the monitor listens for. */
export function LogoMark() {
  return (
    <svg class="logo" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <circle cx="12" cy="12" r="10" fill="none" stroke="currentColor" stroke-width="2" />
      <path d="M4 12.5h4l2-4.5 3 8 2-3.5h5" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" />
    </svg>
  );
}
