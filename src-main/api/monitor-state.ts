/** What a user sees for a monitor: the worst breached rule, or unknown when nothing can be said. */
export type MonitorState = 'ok' | 'warning' | 'critical' | 'unknown';

export const MONITOR_STATES: readonly MonitorState[] = ['ok', 'warning', 'critical', 'unknown'];

const rank: Record<MonitorState, number> = { unknown: 0, ok: 1, warning: 2, critical: 3 };

/** Worst of several states; unknown only when every state is unknown (or there are none). */
export function worstState(states: Iterable<MonitorState>): MonitorState {
  let worst: MonitorState = 'unknown';
  for (const s of states) if (rank[s] > rank[worst]) worst = s;
  return worst;
}
