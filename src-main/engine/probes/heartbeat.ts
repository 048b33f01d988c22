import type { HeartbeatMonitor } from '../../api/config-schema.ts';
import type { Sample } from '../sample.ts';
import type { ProbeContext } from './probe-context.ts';

/** Intervals averaged for the adaptive limit, and how many are needed before it applies (seed 000). */
const ADAPTIVE_INTERVALS = 10;
const ADAPTIVE_MIN_INTERVALS = 3;
const ADAPTIVE_FACTOR = 5;

/** Push monitor: judges the heartbeat times the engine recorded; no network. */
export async function probeHeartbeat(monitor: HeartbeatMonitor, ctx: ProbeContext): Promise<Sample> {
  const now = ctx.now();
  const sample: Sample = { monitorId: monitor.id, time: now, status: 'up', latencyMs: null, values: {} };
  const beats = ctx.beats;
  const last = beats[0];
  if (last === undefined) {
    sample.status = 'unknown';
    sample.error = 'waiting for the first heartbeat';
    return sample;
  }
  const sinceS = Math.max(0, now - last) / 1000;
  sample.values.seconds_since_beat = round1(sinceS);
  const avgS = averageIntervalS(beats);
  if (avgS !== null) sample.values.avg_interval_s = round1(avgS);

  const fixedLimitS = monitor.periodSeconds + monitor.graceSeconds;
  const intervals = Math.min(beats.length - 1, ADAPTIVE_INTERVALS);
  const adaptiveLimitS =
    monitor.adaptive && avgS !== null && intervals >= ADAPTIVE_MIN_INTERVALS
      ? ADAPTIVE_FACTOR * avgS
      : Infinity;
  if (sinceS > Math.min(fixedLimitS, adaptiveLimitS)) {
    sample.status = 'down';
    sample.errorKind = 'stale';
    sample.error =
      adaptiveLimitS < fixedLimitS
        ? `no heartbeat for ${Math.round(sinceS)} s (${ADAPTIVE_FACTOR}× the recent average interval of ${round1(avgS as number)} s)`
        : `no heartbeat for ${Math.round(sinceS)} s (expected every ${monitor.periodSeconds} s + ${monitor.graceSeconds} s grace)`;
  }
  return sample;
}

/** Mean gap between the most recent beats (newest first), in seconds; null with fewer than two beats. */
function averageIntervalS(beats: readonly number[]): number | null {
  const n = Math.min(beats.length - 1, ADAPTIVE_INTERVALS);
  if (n < 1) return null;
  return Math.max(0, (beats[0] as number) - (beats[n] as number)) / n / 1000;
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}
