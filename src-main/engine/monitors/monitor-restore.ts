import type { MonitorConfig } from '../../api/config-schema.ts';
import type { History } from '../history/history.ts';
import type { Sample } from '../sample.ts';
import { type MonitorRuntime, RECENT_SAMPLES } from './monitor-runtime.ts';

/** What a new runtime needs from before a restart: balance readings for the burn rate, a heartbeat's clock. */
export function restoredMemory(
  m: MonitorConfig,
  history: History,
  now: number,
): Pick<MonitorRuntime, 'recent' | 'beats'> {
  if (m.type === 'balance') {
    const recent = history.recentSamples(m.id, RECENT_SAMPLES).map(
      (s): Sample => ({
        monitorId: s.monitorId,
        time: s.time,
        status: s.status,
        latencyMs: s.latencyMs,
        values: s.value === null ? {} : { balance: s.value },
      }),
    );
    return { recent, beats: [] };
  }
  // Beats are not stored; a heartbeat monitor that existed before a restart is judged from the
  // restart, so a pipeline that died meanwhile still goes stale instead of "waiting" forever.
  if (m.type === 'heartbeat' && history.recentSamples(m.id, 1).length > 0)
    return { recent: [], beats: [now] };
  return { recent: [], beats: [] };
}
