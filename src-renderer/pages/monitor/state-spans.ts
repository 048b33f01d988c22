import type { StateChange } from '../../../src-main/api/history-types.ts';
import type { MonitorState } from '../../../src-main/api/monitor-state.ts';

export interface StateSpan {
  /** `none` where the history does not say (before the oldest change returned, when the list was cut). */
  state: MonitorState | 'none';
  from: number;
  to: number;
}

const isState = (s: string): s is MonitorState =>
  s === 'ok' || s === 'warning' || s === 'critical' || s === 'unknown';

/**
 * The states a monitor was in over [from, to], oldest first, from its state changes (newest first,
 * as the history returns them, at most `limit`) and the state it is in now. Equal neighbours merge.
 */
export function stateSpans(
  changes: readonly StateChange[],
  current: MonitorState,
  from: number,
  to: number,
  limit: number,
): StateSpan[] {
  if (to <= from) return [];
  const sorted = [...changes].reverse().sort((a, b) => a.time - b.time);
  const inWindow = sorted.filter((c) => c.time > from && c.time <= to);
  const earlier = sorted.filter((c) => c.time <= from).pop();
  const oldest = inWindow[0];
  // A full list may have left older changes out: what came before its oldest is not known.
  const before = earlier
    ? earlier.to
    : oldest === undefined
      ? current
      : changes.length >= limit
        ? 'none'
        : oldest.from;
  const spans: StateSpan[] = [];
  const push = (state: StateSpan['state'], start: number, end: number) => {
    if (end <= start) return;
    const last = spans[spans.length - 1];
    if (last && last.state === state) last.to = end;
    else spans.push({ state, from: start, to: end });
  };
  let state: StateSpan['state'] = isState(before) || before === 'none' ? before : 'unknown';
  let start = from;
  for (const c of inWindow) {
    push(state, start, c.time);
    state = isState(c.to) ? c.to : 'unknown';
    start = c.time;
  }
  push(state, start, to);
  return spans;
}
