import type { MonitorState } from './monitor-state.ts';

/**
 * A monitor's last checks as a strip of states, oldest first, one letter each (`o` ok, `w` warning,
 * `c` critical, `u` unknown): small enough to ride on every live update of a thousand monitors.
 */
export interface CheckStrip {
  states: string;
  /** Times of the checks in `states`, oldest first. */
  times: readonly number[];
}

export const STRIP_CHECKS = 60;

export const EMPTY_STRIP: CheckStrip = { states: '', times: [] };

const LETTER: Record<MonitorState, string> = { ok: 'o', warning: 'w', critical: 'c', unknown: 'u' };
const STATE: Record<string, MonitorState> = { o: 'ok', w: 'warning', c: 'critical', u: 'unknown' };

/** The strip with one more check at its end, the oldest dropped beyond `STRIP_CHECKS`. */
export function withCheck(strip: CheckStrip, state: MonitorState, time: number): CheckStrip {
  const drop = Math.max(0, strip.states.length + 1 - STRIP_CHECKS);
  // Joined, not `+`: a concatenation is a rope that holds every earlier strip of the monitor (~1.5 KiB
  // each by its 60th check, 7 MiB at 5,000 monitors); a joined string is 60 bytes.
  const letters = strip.states.slice(drop).split('');
  letters.push(LETTER[state]);
  const times = strip.times.slice(drop);
  times.push(time);
  return { states: letters.join(''), times };
}

/** The states of a strip, oldest first; an unknown letter reads as unknown. */
export function stripStates(strip: Pick<CheckStrip, 'states'>): MonitorState[] {
  return [...strip.states].map((c) => STATE[c] ?? 'unknown');
}
