import type { MonitorStatus, StateSnapshot } from '../../src-main/api/contract.ts';
import { type MonitorState, worstState } from '../../src-main/api/monitor-state.ts';

/** A healthy http monitor's status as the engine reports it, checked 5 s before `now`. */
export function monitorStatus(over: Partial<MonitorStatus> & { id: string }, now: number): MonitorStatus {
  return {
    name: over.id,
    type: 'http',
    enabled: true,
    state: 'ok',
    since: now - 60_000,
    lastCheck: now - 5_000,
    intervalSeconds: 30,
    sampleStatus: 'up',
    latencyMs: 142,
    httpStatus: 200,
    value: null,
    values: {},
    summary: 'OK',
    error: null,
    breached: [],
    url: null,
    ...over,
  };
}

/** A snapshot whose overall and counts follow from its monitors, as the engine computes them. */
export function stateSnapshot(
  monitors: MonitorStatus[],
  now: number,
  over: Partial<StateSnapshot> = {},
): StateSnapshot {
  const counts: Record<MonitorState, number> = { ok: 0, warning: 0, critical: 0, unknown: 0 };
  for (const m of monitors) if (m.enabled) counts[m.state]++;
  return {
    overall: worstState(monitors.filter((m) => m.enabled).map((m) => m.state)),
    counts,
    monitors,
    offline: null,
    alerts: { firing: 0, brokenChannels: [] },
    startedAt: now - 3_600_000,
    now,
    ...over,
  };
}
