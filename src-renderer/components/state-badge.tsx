import { type DisplayState, StateIcon } from './icons.tsx';

export const STATE_WORDS: Record<DisplayState, string> = {
  ok: 'OK',
  warning: 'Warning',
  critical: 'Critical',
  unknown: 'Unknown',
  disabled: 'Paused',
};

/** Colour, shape and word together. */
export function StateBadge({ state }: { state: DisplayState }) {
  return (
    <span className={`state-badge state-${state}`}>
      <StateIcon state={state} />
      <span className="state-word">{STATE_WORDS[state]}</span>
    </span>
  );
}
