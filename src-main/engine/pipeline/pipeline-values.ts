import type { PipelineMonitor } from '../../api/config-schema.ts';
import type { SampleValue } from '../../api/sample-values.ts';
import { addHistogram, emptyHistogram, histogramQuantile } from '../history/latency-histogram.ts';
import { type EventSlot, type PipelineState, RATE_MINUTES, SLOT_MS } from './event-slots.ts';

const MISSED_SHOWN = 10;
/** The adaptive stale limit: 5× the recent average gap between results, never under a minute (seed 000). */
const STALE_FACTOR = 5;
const STALE_FLOOR_S = 60;
const STALE_MIN_GAPS = 3;

/** What a pipeline monitor measured over its window: flat values for rules and the API, and the detail. */
export interface PipelineReading {
  values: Record<string, SampleValue>;
  /** `error_breakdown` as an object (largest first) and `missed` as a list, for `[BODY]` conditions and messages. */
  body: Record<string, unknown>;
  /** Nothing has arrived yet, not even a refused request. */
  empty: boolean;
}

/**
 * Every value of the pipeline's table over the last `windowSeconds` at `now` (the engine's clock),
 * to the resolution of a slot. Pure: reads the state, changes nothing.
 */
export function pipelineValues(state: PipelineState, m: PipelineMonitor, now: number): PipelineReading {
  const windowMs = m.windowSeconds * 1000;
  const current = now - (now % SLOT_MS);
  const inWindow = sumSlots(state.slots, now - windowMs - SLOT_MS + 1, now);
  const tasks = inWindow.completed + inWindow.failed;
  const values: Record<string, SampleValue> = {
    window_seconds: m.windowSeconds,
    tasks,
    completed: inWindow.completed,
    failed: inWindow.failed,
    submitted: inWindow.submitted,
    duplicates: inWindow.duplicates,
    invalid_signatures: inWindow.invalid,
    balance_low: inWindow.balanceLow,
    cost: round(inWindow.cost, 6),
  };
  const body: Record<string, unknown> = {};
  if (tasks > 0) {
    values.success_rate = round(inWindow.completed / tasks, 4);
    values.error_rate = round(inWindow.failed / tasks, 4);
  }
  const breakdown = [...inWindow.errors].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  if (breakdown.length > 0) {
    values.error_breakdown = JSON.stringify(Object.fromEntries(breakdown));
    values.top_error_code = breakdown[0]?.[0] ?? null;
    body.error_breakdown = Object.fromEntries(breakdown);
  }
  const p50 = histogramQuantile(inWindow.solve, 0.5, inWindow.solveMax);
  if (p50 !== null) {
    values.solve_p50_ms = p50;
    values.solve_p95_ms = histogramQuantile(inWindow.solve, 0.95, inWindow.solveMax);
    values.solve_avg_ms = Math.round(inWindow.solveSum / inWindow.solveCount);
  }

  const lastMinute = sumSlots(state.slots, current - 60_000 + SLOT_MS, now);
  values.events_per_min = lastMinute.completed + lastMinute.failed;
  const before = current - 60_000 + SLOT_MS;
  // The average needs the whole 10 minutes: a younger pipeline's average would be too low and look like a spike.
  if (state.firstResultAt !== null && state.firstResultAt < before - RATE_MINUTES * 60_000 + SLOT_MS) {
    const older = sumSlots(state.slots, before - RATE_MINUTES * 60_000, before - 1);
    const average = (older.completed + older.failed) / RATE_MINUTES;
    values.avg_events_per_min = round(average, 2);
    if (average > 0) values.rate_vs_average = round((values.events_per_min as number) / average, 2);
  }

  const last = state.recentResults[0];
  if (last !== undefined) {
    values.seconds_since_last_event = round(Math.max(0, now - last) / 1000, 1);
    const limit = staleLimitSeconds(state.recentResults, m.staleSeconds);
    if (limit !== null) values.stale_after_seconds = round(limit, 1);
  }

  Object.assign(values, delivery(state, m, now, windowMs, body));

  if (state.queue && state.queue.at > now - windowMs) {
    values.queue_depth = state.queue.depth;
    if (state.queue.workers !== null) values.workers = state.queue.workers;
    const perMinute = inWindow.completed / (m.windowSeconds / 60);
    if (perMinute > 0) values.drain_minutes = round(state.queue.depth / perMinute, 1);
  }
  if (state.balance && state.balance.at > now - windowMs) {
    values.provider_balance = state.balance.balance;
    if (state.balance.threshold !== null) values.provider_threshold = state.balance.threshold;
  }
  if (inWindow.invalid > 0 && state.lastRefusedFrom !== null) values.refused_from = state.lastRefusedFrom;
  for (const [k, v] of Object.entries(values)) if (!(k in body)) body[k] = v;
  const empty = state.slots.length === 0 && state.recentResults.length === 0 && state.queue === null;
  return { values, body, empty };
}

/** Of the tasks whose deadline fell in the window: delivered before it ÷ all (seed 000). */
function delivery(
  state: PipelineState,
  m: PipelineMonitor,
  now: number,
  windowMs: number,
  body: Record<string, unknown>,
): Record<string, SampleValue> {
  const timeoutMs = m.deliveryTimeoutSeconds * 1000;
  let due = 0;
  let delivered = 0;
  let pending = 0;
  const missed: string[] = [];
  let missedCount = 0;
  for (const [id, task] of state.tasks) {
    const deadline = task.submittedAt + timeoutMs;
    if (deadline > now) {
      if (task.resultAt === null) pending++;
      continue;
    }
    if (deadline <= now - windowMs) continue;
    due++;
    if (task.resultAt !== null && task.resultAt <= deadline) delivered++;
    else {
      missedCount++;
      if (missed.length < MISSED_SHOWN) missed.push(id);
    }
  }
  const out: Record<string, SampleValue> = { pending };
  if (due > 0) {
    out.delivery_rate = round(delivered / due, 4);
    out.deliveries_due = due;
    out.missed_count = missedCount;
    out.missed = JSON.stringify(missed);
    body.missed = missed;
  }
  return out;
}

/** The stale limit: `staleSeconds`, or sooner at 5× the recent average gap (at least 60 s); null when neither applies. */
function staleLimitSeconds(recent: readonly number[], staleSeconds: number | null): number | null {
  const gaps = recent.length - 1;
  let adaptive = Infinity;
  if (gaps >= STALE_MIN_GAPS) {
    const averageS = ((recent[0] as number) - (recent[gaps] as number)) / gaps / 1000;
    adaptive = Math.max(STALE_FLOOR_S, STALE_FACTOR * averageS);
  }
  const limit = Math.min(staleSeconds ?? Infinity, adaptive);
  return Number.isFinite(limit) ? limit : null;
}

interface SlotSum {
  submitted: number;
  completed: number;
  failed: number;
  balanceLow: number;
  duplicates: number;
  invalid: number;
  cost: number;
  errors: Map<string, number>;
  solve: number[];
  solveMax: number;
  solveSum: number;
  solveCount: number;
}

/** The slots starting in [from, to]. */
function sumSlots(slots: readonly EventSlot[], from: number, to: number): SlotSum {
  const sum: SlotSum = {
    submitted: 0,
    completed: 0,
    failed: 0,
    balanceLow: 0,
    duplicates: 0,
    invalid: 0,
    cost: 0,
    errors: new Map(),
    solve: emptyHistogram(),
    solveMax: 0,
    solveSum: 0,
    solveCount: 0,
  };
  for (const s of slots) {
    if (s.start < from || s.start > to) continue;
    sum.submitted += s.submitted;
    sum.completed += s.completed;
    sum.failed += s.failed;
    sum.balanceLow += s.balanceLow;
    sum.duplicates += s.duplicates;
    sum.invalid += s.invalid;
    sum.cost += s.cost;
    for (const [code, n] of s.errors) sum.errors.set(code, (sum.errors.get(code) ?? 0) + n);
    if (s.solve) {
      addHistogram(sum.solve, s.solve);
      sum.solveMax = Math.max(sum.solveMax, s.solveMax);
      sum.solveSum += s.solveSum;
      sum.solveCount += s.solveCount;
    }
  }
  return sum;
}

function round(n: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}
