import { addHistogram, emptyHistogram, latencyBucket } from '../history/latency-histogram.ts';
import { bucketStart, MINUTE } from '../history/time-buckets.ts';
import { isFailure } from './event-slots.ts';
import { type PipelineEvent, RESULT_EVENTS } from './pipeline-event.ts';

/** One bucket's counts of one pipeline monitor: a minute of a request, or the hour or day it rolls into. */
export interface BucketCounts {
  completed: number;
  failed: number;
  duplicates: number;
  /** Requests refused for their signature or token. */
  refused: number;
  solveN: number;
  solveSum: number;
  solveMax: number;
  /** Solve times in latency-histogram.ts buckets; null until one is reported. */
  solveHist: number[] | null;
  cost: number;
  queueMax: number | null;
  /** Failed results by error code. */
  errors: Map<string, number>;
}

/** A request's counts by the start of their minute. */
export type MinuteDeltas = Map<number, BucketCounts>;

export function emptyCounts(): BucketCounts {
  return {
    completed: 0,
    failed: 0,
    duplicates: 0,
    refused: 0,
    solveN: 0,
    solveSum: 0,
    solveMax: 0,
    solveHist: null,
    cost: 0,
    queueMax: null,
    errors: new Map(),
  };
}

/** The counts of the `ms`-long bucket holding `t`, created when missing. */
export function countsAt(buckets: Map<number, BucketCounts>, t: number, ms = MINUTE): BucketCounts {
  const start = bucketStart(t, ms);
  let c = buckets.get(start);
  if (!c) {
    c = emptyCounts();
    buckets.set(start, c);
  }
  return c;
}

/** Adds an accepted event; `code` is the error code as stored (the intake bounds how many there are). */
export function addToMinute(deltas: MinuteDeltas, e: PipelineEvent, t: number, code: string | null): void {
  const d = countsAt(deltas, t);
  if (RESULT_EVENTS.has(e.event)) {
    if (isFailure(e)) {
      d.failed++;
      if (code !== null) d.errors.set(code, (d.errors.get(code) ?? 0) + 1);
    } else d.completed++;
    if (e.solveMs !== null) {
      d.solveN++;
      d.solveSum += e.solveMs;
      d.solveMax = Math.max(d.solveMax, e.solveMs);
      d.solveHist ??= emptyHistogram();
      const b = latencyBucket(e.solveMs);
      d.solveHist[b] = (d.solveHist[b] as number) + 1;
    }
  }
  if (e.cost !== null) d.cost += e.cost;
  if (e.queueDepth !== null) d.queueMax = Math.max(d.queueMax ?? 0, e.queueDepth);
}

/** Adds `from` into `into`, as a minute rolls into its hour and day. */
export function addCounts(into: BucketCounts, from: BucketCounts): void {
  into.completed += from.completed;
  into.failed += from.failed;
  into.duplicates += from.duplicates;
  into.refused += from.refused;
  into.solveN += from.solveN;
  into.solveSum += from.solveSum;
  into.solveMax = Math.max(into.solveMax, from.solveMax);
  if (from.solveHist) {
    into.solveHist ??= emptyHistogram();
    addHistogram(into.solveHist, from.solveHist);
  }
  into.cost += from.cost;
  if (from.queueMax !== null) into.queueMax = Math.max(into.queueMax ?? 0, from.queueMax);
  for (const [code, n] of from.errors) into.errors.set(code, (into.errors.get(code) ?? 0) + n);
}
