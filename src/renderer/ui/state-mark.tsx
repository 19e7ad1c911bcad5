import type { TargetState } from '../../shared/live-events.js';
import { STATE_WORDS } from '../lib/words.js';
import { StateIcon } from './icons.js';

/** A state as icon and word together, in its colour: never colour alone. */
export function StateMark({ state, large = false }: { state: TargetState; large?: boolean }) {
  return (
    <span class={`state state-${state}${large ? ' state-large' : ''}`}>
      <StateIcon state={state} />
      <span class="state-word">{STATE_WORDS[state]}</span>
    </span>
  );
}
