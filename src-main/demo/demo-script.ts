import type { CallbackHealthMetrics } from '../fakes/callback-health-server.ts';
import { type PipelinePhase, pipelinePhaseOf } from './demo-task-events.ts';

/**
 * What the simulated pipeline reports at each moment of its cycle: a pure function of the time since
 * the demo started, so every state, alert and recovery shows up once per cycle, in the same order.
 *
 * Cycle (fractions of `cycleSeconds`):
 *   balance          drains 14 → 0.6 (warning below 10 at 0.2, critical below 2 at 0.6), topped up at 0.75
 *   callback health  healthy · stale 0.2–0.4 · error spike 0.4–0.55 · slow p95 0.55–0.75 · healthy
 *   solver API       healthy · slow 0.3–0.5 · HTTP 500 0.5–0.65 · healthy
 *   heartbeat        beating · paused 0.4–0.7 · beating
 *   task events      see demo-task-events.ts (a cycle of its own, at least 80 s)
 */

export const DEFAULT_CYCLE_SECONDS = 60;
/** Below this, phases get shorter than a check interval and states would be missed. */
export const MIN_CYCLE_SECONDS = 10;
export const MAX_CYCLE_SECONDS = 3600;

export type CallbackPhase = 'healthy' | 'stale' | 'error-spike' | 'slow';
export type SolverApiPhase = 'healthy' | 'slow' | 'failing';

/** Seed 000's report, as the demo's handler serves it (it does not track delivery rate). */
export type DemoCallbackMetrics = Omit<CallbackHealthMetrics, 'delivery_rate'>;

export interface DemoReport {
  balance: number;
  callbackPhase: CallbackPhase;
  callbackMetrics: DemoCallbackMetrics;
  solverApiPhase: SolverApiPhase;
  solverApi: { status: number; delayMs: number; body: object };
  heartbeatPaused: boolean;
  pipelinePhase: PipelinePhase;
}

/** How often monitors check and the heartbeat beats, scaled to the cycle so each phase spans several checks. */
export interface DemoPace {
  checkIntervalSeconds: number;
  beatSeconds: number;
}

export function demoPace(cycleSeconds: number): DemoPace {
  const seconds = Math.max(1, Math.min(5, Math.round(cycleSeconds / 30)));
  return { checkIntervalSeconds: seconds, beatSeconds: seconds };
}

const FULL_BALANCE = 14;
const EMPTY_BALANCE = 0.6;
/** Dollars spent per cycle fraction while draining: 10 is crossed at 0.2, 2 at 0.6. */
const DRAIN_PER_CYCLE = 20;
const TOP_UP_AT = 0.75;

/** Milliseconds the solver API takes to answer in its slow phase (the http monitor warns above 500). */
export const SLOW_SOLVER_MS = 800;

export function demoScript(elapsedMs: number, cycleSeconds: number): DemoReport {
  const cycleMs = cycleSeconds * 1000;
  const inCycleMs = ((elapsedMs % cycleMs) + cycleMs) % cycleMs;
  const f = inCycleMs / cycleMs;
  const cycles = Math.floor(elapsedMs / cycleMs);
  const callbackPhase = callbackPhaseAt(f);
  const solverApiPhase = solverApiPhaseAt(f);
  return {
    balance: balanceAt(f),
    callbackPhase,
    callbackMetrics: callbackMetrics(callbackPhase, f, cycles, cycleSeconds),
    solverApiPhase,
    solverApi: solverApiAnswer(solverApiPhase),
    heartbeatPaused: f >= 0.4 && f < 0.7,
    pipelinePhase: pipelinePhaseOf(elapsedMs, cycleSeconds),
  };
}

function balanceAt(f: number): number {
  if (f >= TOP_UP_AT) return FULL_BALANCE;
  return Math.round(Math.max(EMPTY_BALANCE, FULL_BALANCE - DRAIN_PER_CYCLE * f) * 100) / 100;
}

function callbackPhaseAt(f: number): CallbackPhase {
  if (f < 0.2) return 'healthy';
  if (f < 0.4) return 'stale';
  if (f < 0.55) return 'error-spike';
  if (f < 0.75) return 'slow';
  return 'healthy';
}

function solverApiPhaseAt(f: number): SolverApiPhase {
  if (f < 0.3) return 'healthy';
  if (f < 0.5) return 'slow';
  if (f < 0.65) return 'failing';
  return 'healthy';
}

/** Seed 000's report. Stale is its handler's own verdict (status "stale", served with 503). */
function callbackMetrics(
  phase: CallbackPhase,
  f: number,
  cycles: number,
  cycleSeconds: number,
): DemoCallbackMetrics {
  // About 30 callbacks a second while the pipeline runs; none arrive while it is stale (0.2–0.4).
  const flowing = cycles * 0.8 + Math.min(f, 0.2) + Math.max(0, f - 0.4);
  const received = 1200 + Math.round(flowing * cycleSeconds * 30);
  const metrics: DemoCallbackMetrics = {
    status: 'healthy',
    total_received: received,
    total_errors: Math.round(received * 0.004),
    avg_latency_ms: 42.5,
    p95_latency_ms: 180.25,
    seconds_since_last_callback: 0.4,
    error_rate: 0,
    error_breakdown: { TimeoutError: Math.round(received * 0.003), ValueError: Math.round(received * 0.001) },
  };
  switch (phase) {
    case 'healthy':
      break;
    case 'stale':
      metrics.status = 'stale';
      metrics.seconds_since_last_callback = Math.round((301 + (f - 0.2) * cycleSeconds) * 10) / 10;
      break;
    case 'error-spike': {
      const errors = Math.round(received * 0.12);
      metrics.total_errors = errors;
      metrics.error_breakdown = {
        TimeoutError: Math.round(errors * 0.8),
        ValueError: errors - Math.round(errors * 0.8),
      };
      break;
    }
    case 'slow':
      metrics.avg_latency_ms = 640;
      metrics.p95_latency_ms = 1850.5;
      break;
  }
  metrics.error_rate = Math.round((metrics.total_errors / Math.max(received, 1)) * 10_000) / 10_000;
  return metrics;
}

function solverApiAnswer(phase: SolverApiPhase): DemoReport['solverApi'] {
  switch (phase) {
    case 'healthy':
      return { status: 200, delayMs: 0, body: { status: 'ok', queue: 3 } };
    case 'slow':
      return { status: 200, delayMs: SLOW_SOLVER_MS, body: { status: 'ok', queue: 240 } };
    case 'failing':
      return { status: 500, delayMs: 0, body: { status: 'error', error: 'worker pool exhausted' } };
  }
}
