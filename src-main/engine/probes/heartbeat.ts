import type { HeartbeatMonitor } from '../../api/config-schema.ts';
import { emptyPushMemory, type FinishedRun, type PushMemory } from '../monitors/heartbeat-signal.ts';
import type { Sample } from '../sample.ts';
import type { ProbeContext } from './probe-context.ts';

/** Intervals averaged for the adaptive limit, and how many are needed before it applies (seed 000). */
const ADAPTIVE_INTERVALS = 10;
const ADAPTIVE_MIN_INTERVALS = 3;
const ADAPTIVE_FACTOR = 5;

/**
 * Push monitor: judges the heartbeat times and signals the engine recorded; no network. A run the
 * job reported as failed, or one that outlives `maxRunSeconds`, is down at once; else staleness decides.
 */
export async function probeHeartbeat(monitor: HeartbeatMonitor, ctx: ProbeContext): Promise<Sample> {
  const now = ctx.now();
  const sample: Sample = { monitorId: monitor.id, time: now, status: 'up', latencyMs: null, values: {} };
  const beats = ctx.beats;
  const last = beats[0];
  const push = ctx.push ?? emptyPushMemory;
  addRunValues(sample, push.last);
  const reported = reportedFailure(monitor, push, now);
  if (last === undefined) {
    if (reported !== null) return markFailed(sample, reported);
    sample.status = 'unknown';
    sample.error = 'waiting for the first heartbeat';
    return sample;
  }
  const sinceS = Math.max(0, now - last) / 1000;
  sample.values.seconds_since_beat = round1(sinceS);
  const avgS = averageIntervalS(beats);
  if (avgS !== null) sample.values.avg_interval_s = round1(avgS);
  if (reported !== null) return markFailed(sample, reported);

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

/** What the last finished run said: its message, how long it ran, its exit status. */
function addRunValues(sample: Sample, run: FinishedRun | null): void {
  if (run === null) return;
  if (run.message !== null) sample.values.message = run.message;
  if (run.runSeconds !== null && !run.failed) sample.values.run_seconds = run.runSeconds;
  if (run.exitStatus !== null) sample.values.exit_status = run.exitStatus;
}

/** Why the job is failing by its own account (a failed run, a run past `maxRunSeconds`), or null. */
function reportedFailure(monitor: HeartbeatMonitor, push: PushMemory, now: number): string | null {
  const started = push.runStartedAt;
  const runningS = started === null ? null : Math.max(0, now - started) / 1000;
  if (runningS !== null && monitor.maxRunSeconds !== undefined && runningS > monitor.maxRunSeconds)
    return `the run started ${Math.round(runningS)} s ago has not finished (maxRunSeconds ${monitor.maxRunSeconds})`;
  const run = push.last;
  if (!run?.failed) return null;
  const status = run.exitStatus === null ? '' : ` (exit status ${run.exitStatus})`;
  return `the job reported a failure${status}${run.message ? `: ${run.message}` : ''}`;
}

function markFailed(sample: Sample, error: string): Sample {
  sample.status = 'down';
  sample.errorKind = 'reported';
  sample.error = error;
  return sample;
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}
