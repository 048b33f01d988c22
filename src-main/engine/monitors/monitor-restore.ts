import { type CheckStrip, EMPTY_STRIP, STRIP_CHECKS, withCheck } from '../../api/check-strip.ts';
import type { MonitorConfig } from '../../api/config-schema.ts';
import type { MonitorState } from '../../api/monitor-state.ts';
import type { SampleStatus } from '../../api/sample-values.ts';
import type { History } from '../history/history.ts';
import type { StoredSample } from '../history/stored-sample.ts';
import type { Sample } from '../sample.ts';
import { type MonitorRuntime, RECENT_SAMPLES, type RestoredMemory } from './monitor-runtime.ts';

/** What a new runtime needs from before a restart: balance readings for the burn rate, a heartbeat's clock. */
export function restoredMemory(m: MonitorConfig, history: History, now: number): RestoredMemory {
  const strip = restoredStrip(history.recentSamples(m.id, STRIP_CHECKS));
  return { ...restoredReadings(m, history, now), strip };
}

/**
 * The card's strip after a restart, from the stored checks. Samples keep their status, not the rules'
 * verdict, so a restored warning reads as OK until live checks replace it; a down check stays critical.
 */
function restoredStrip(newestFirst: readonly StoredSample[]): CheckStrip {
  let strip = EMPTY_STRIP;
  for (let i = newestFirst.length - 1; i >= 0; i--) {
    const s = newestFirst[i] as StoredSample;
    strip = withCheck(strip, STATE_OF_STATUS[s.status], s.time);
  }
  return strip;
}

const STATE_OF_STATUS: Record<SampleStatus, MonitorState> = {
  up: 'ok',
  degraded: 'warning',
  down: 'critical',
  unknown: 'unknown',
};

function restoredReadings(
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
