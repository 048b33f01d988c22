import type { EngineEvent, StateSnapshot } from '../../src-main/api/contract.ts';
import { MONITOR_STATES, type MonitorState } from '../../src-main/engine/monitor-state.ts';

/** The snapshot after one live event: a full snapshot replaces it, a monitor event updates one card. */
export function applyEvent(state: StateSnapshot | null, event: EngineEvent): StateSnapshot | null {
  if (event.type === 'snapshot') return event.state;
  if (state === null) return null;
  const index = state.monitors.findIndex((m) => m.id === event.monitor.id);
  const monitors =
    index < 0
      ? [...state.monitors, event.monitor]
      : state.monitors.map((m, i) => (i === index ? event.monitor : m));
  const counts = Object.fromEntries(MONITOR_STATES.map((s) => [s, 0])) as Record<MonitorState, number>;
  for (const m of monitors) if (m.enabled) counts[m.state] += 1;
  return {
    ...state,
    monitors,
    counts,
    overall: event.overall,
    now: Math.max(state.now, event.monitor.lastCheck ?? 0),
  };
}
