import type { HeapItem } from './due-heap.ts';

/** One scheduled monitor: where it sits on its interval's ring, when it is due, and its run in flight. */
export interface Entry extends HeapItem {
  readonly id: string;
  intervalMs: number;
  /** Place on its interval's ring, in [0, interval). */
  phase: number;
  /** The first due time on its place: run k is due at base + k × interval, never computed from completion time. */
  base: number;
  k: number;
  removed: boolean;
  /** Generation of the last set() call that listed it, to spot unchanged calls without allocating. */
  mark: number;
  controller: AbortController | null;
  settled: Promise<void> | null;
  queued: boolean;
  queuedPlanned: number;
  queuedManual: boolean;
  /** checkNow() arrived while running: run once more right after. */
  followUp: boolean;
  /** Resolved when the current (or queued) run finishes. */
  waiters: (() => void)[] | null;
  /** Resolved when the follow-up run finishes. */
  nextWaiters: (() => void)[] | null;
}

export function newEntry(id: string, intervalMs: number, seq: number): Entry {
  return {
    id,
    intervalMs,
    phase: 0,
    base: 0,
    k: 0,
    due: 0,
    seq,
    heapIndex: -1,
    removed: false,
    mark: 0,
    controller: null,
    settled: null,
    queued: false,
    queuedPlanned: 0,
    queuedManual: false,
    followUp: false,
    waiters: null,
    nextWaiters: null,
  };
}
