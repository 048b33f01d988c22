import type { EngineEvent, StateSnapshot } from '../../src-main/api/contract.ts';
import { MONITOR_STATES, type MonitorState } from '../../src-main/api/monitor-state.ts';

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

/**
 * `snapshot` with the events that arrived while it was being fetched, keeping only what is newer:
 * a later full snapshot, or a monitor checked after the snapshot's reading of it.
 */
export function replayEvents(snapshot: StateSnapshot, events: readonly EngineEvent[]): StateSnapshot {
  let state = snapshot;
  for (const event of events) {
    if (event.type === 'snapshot') {
      if (event.state.now > state.now) state = event.state;
      continue;
    }
    const known = state.monitors.find((m) => m.id === event.monitor.id);
    if (known && (event.monitor.lastCheck ?? 0) <= (known.lastCheck ?? 0)) continue;
    state = applyEvent(state, event) ?? state;
  }
  return state;
}
