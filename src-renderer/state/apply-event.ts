import type { EngineEvent, MonitorStatus, StateSnapshot } from '../../src-main/api/contract.ts';
import { MONITOR_STATES, type MonitorState } from '../../src-main/api/monitor-state.ts';

/** The snapshot after one live event: a full snapshot replaces it, a monitor event updates one card. */
export function applyEvent(state: StateSnapshot | null, event: EngineEvent): StateSnapshot | null {
  return applyEvents(state, [event]);
}

/**
 * The snapshot after a batch of live events, copied once for the whole batch: a full snapshot
 * replaces what came before it; monitors no event names keep their objects, so their cards need not redraw.
 */
export function applyEvents(
  state: StateSnapshot | null,
  events: readonly EngineEvent[],
): StateSnapshot | null {
  let base = state;
  let changed = new Map<string, MonitorStatus>();
  let overall: MonitorState | null = null;
  for (const event of events) {
    if (event.type === 'snapshot') {
      base = event.state;
      changed = new Map();
      overall = null;
    } else {
      changed.set(event.monitor.id, event.monitor);
      overall = event.overall;
    }
  }
  if (base === null || overall === null) return base;
  let now = base.now;
  const monitors = base.monitors.map((m) => {
    const next = changed.get(m.id);
    if (!next) return m;
    changed.delete(m.id);
    now = Math.max(now, next.lastCheck ?? 0);
    return next;
  });
  for (const added of changed.values()) {
    monitors.push(added);
    now = Math.max(now, added.lastCheck ?? 0);
  }
  const counts = Object.fromEntries(MONITOR_STATES.map((s) => [s, 0])) as Record<MonitorState, number>;
  for (const m of monitors) if (m.enabled) counts[m.state] += 1;
  return { ...base, monitors, counts, overall, now };
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
