import { setBounded } from '../bounded-map.ts';
import { emptyHistogram, latencyBucket } from '../history/latency-histogram.ts';
import { type PipelineEvent, RESULT_EVENTS } from './pipeline-event.ts';

/**
 * Counts are kept in 10-second slots rather than whole minutes so that "the last minute" slides:
 * with minute buckets the rate would dip to nothing at every minute boundary and trip the drop rule.
 */
export const SLOT_MS = 10_000;
/** The rate rules compare the last minute with the average of the 10 before it (seed 003). */
export const RATE_MINUTES = 10;
const RECENT_RESULTS = 11;
/** How long slots are kept for a window: the window, or the 11 minutes the rate rules read. */
export const keepMsFor = (windowSeconds: number): number =>
  Math.max(windowSeconds * 1000, (RATE_MINUTES + 1) * 60_000) + SLOT_MS;
/** Submitted tasks followed for their delivery deadline; past it the oldest are forgotten first. */
const MAX_TRACKED_TASKS = 100_000;
const MAX_METRIC_CODES = 100;

export interface EventSlot {
  start: number;
  submitted: number;
  completed: number;
  failed: number;
  balanceLow: number;
  duplicates: number;
  invalid: number;
  /** Failed results by error code. */
  errors: Map<string, number>;
  /** Solve times in latency-histogram.ts buckets; null until one is reported. */
  solve: number[] | null;
  solveMax: number;
  solveSum: number;
  solveCount: number;
  cost: number;
}

export interface TrackedTask {
  submittedAt: number;
  resultAt: number | null;
}

/** What one pipeline monitor has taken in: mutated by the intake, read by pipelineValues. */
export interface PipelineState {
  /** Oldest first. */
  slots: EventSlot[];
  firstResultAt: number | null;
  /** Arrival times of the latest results, newest first. */
  recentResults: number[];
  queue: { depth: number; workers: number | null; at: number } | null;
  balance: { balance: number; threshold: number | null; at: number } | null;
  tasks: Map<string, TrackedTask>;
  lastRefusedFrom: string | null;
  /** Since start, for /metrics. */
  totals: {
    events: Map<string, number>;
    errors: Map<string, number>;
    rejected: Map<string, number>;
  };
}

export function emptyPipelineState(): PipelineState {
  return {
    slots: [],
    firstResultAt: null,
    recentResults: [],
    queue: null,
    balance: null,
    tasks: new Map(),
    lastRefusedFrom: null,
    totals: { events: new Map(), errors: new Map(), rejected: new Map() },
  };
}

/** A failed result: `task.failed`, or a callback that carries an error code. */
export const isFailure = (e: PipelineEvent): boolean =>
  e.event === 'task.failed' || (e.event === 'callback.received' && e.errorCode !== null);

/** The slot holding `t`, created when missing; slots older than `keepMs` are dropped. */
export function slotAt(state: PipelineState, t: number, keepMs: number): EventSlot {
  const start = t - (t % SLOT_MS);
  const slots = state.slots;
  const last = slots.at(-1);
  if (last?.start === start) return last;
  for (let i = slots.length - 1; i >= 0; i--) {
    const s = slots[i] as EventSlot;
    if (s.start === start) return s;
    if (s.start < start) {
      const slot = newSlot(start);
      slots.splice(i + 1, 0, slot);
      trim(state, start, keepMs);
      return slot;
    }
  }
  const slot = newSlot(start);
  slots.unshift(slot);
  return slot;
}

/** Counts an accepted event at `t`. */
export function countEvent(state: PipelineState, e: PipelineEvent, t: number, keepMs: number): void {
  const slot = slotAt(state, t, keepMs);
  bump(state.totals.events, e.event);
  if (e.cost !== null) slot.cost += e.cost;
  if (e.queueDepth !== null) {
    state.queue = { depth: e.queueDepth, workers: e.workers ?? state.queue?.workers ?? null, at: t };
  }
  switch (e.event) {
    case 'task.submitted':
      slot.submitted++;
      if (e.taskId !== null && !state.tasks.has(e.taskId)) track(state, e.taskId, t);
      return;
    case 'balance.low':
      slot.balanceLow++;
      state.balance = { balance: e.balance as number, threshold: e.threshold, at: t };
      return;
  }
  if (!RESULT_EVENTS.has(e.event)) return;
  if (isFailure(e)) {
    slot.failed++;
    if (e.errorCode !== null) {
      bump(slot.errors, e.errorCode);
      // Error codes come from the sender: the /metrics label set stays bounded whatever it sends.
      if (state.totals.errors.size < MAX_METRIC_CODES || state.totals.errors.has(e.errorCode)) {
        bump(state.totals.errors, e.errorCode);
      }
    }
  } else slot.completed++;
  if (e.solveMs !== null) {
    slot.solve ??= emptyHistogram();
    const b = latencyBucket(e.solveMs);
    slot.solve[b] = (slot.solve[b] as number) + 1;
    slot.solveMax = Math.max(slot.solveMax, e.solveMs);
    slot.solveSum += e.solveMs;
    slot.solveCount++;
  }
  state.firstResultAt ??= t;
  if (t >= (state.recentResults[0] ?? 0)) {
    state.recentResults.unshift(t);
    if (state.recentResults.length > RECENT_RESULTS) state.recentResults.pop();
  }
  const task = e.taskId === null ? undefined : state.tasks.get(e.taskId);
  if (task && task.resultAt === null) task.resultAt = t;
}

/** A request refused for its signature or token: only the refusal counts. */
export function countRefused(state: PipelineState, t: number, keepMs: number, from: string | null): void {
  slotAt(state, t, keepMs).invalid++;
  state.lastRefusedFrom = from;
  bump(state.totals.rejected, 'invalid_signature');
}

export function countDuplicate(state: PipelineState, t: number, keepMs: number): void {
  slotAt(state, t, keepMs).duplicates++;
  bump(state.totals.rejected, 'duplicate');
}

export function countInvalidEvent(state: PipelineState): void {
  bump(state.totals.rejected, 'invalid_event');
}

/** Forgets tasks whose deadline left the window long enough ago to matter no more. */
export function forgetSettledTasks(state: PipelineState, before: number): void {
  for (const [id, task] of state.tasks) {
    if (task.submittedAt >= before) break;
    state.tasks.delete(id);
  }
}

function track(state: PipelineState, taskId: string, t: number): void {
  setBounded(state.tasks, taskId, { submittedAt: t, resultAt: null }, MAX_TRACKED_TASKS);
}

function trim(state: PipelineState, newest: number, keepMs: number): void {
  let drop = 0;
  while (drop < state.slots.length && (state.slots[drop] as EventSlot).start <= newest - keepMs) drop++;
  if (drop > 0) state.slots.splice(0, drop);
}

function newSlot(start: number): EventSlot {
  return {
    start,
    submitted: 0,
    completed: 0,
    failed: 0,
    balanceLow: 0,
    duplicates: 0,
    invalid: 0,
    errors: new Map(),
    solve: null,
    solveMax: 0,
    solveSum: 0,
    solveCount: 0,
    cost: 0,
  };
}

function bump(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}
