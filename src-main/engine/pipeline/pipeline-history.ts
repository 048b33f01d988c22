import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { HistoryWindow, PipelineHistory, PipelineSeries } from '../../api/history-types.ts';
import {
  addEncodedHistogram,
  addHistogram,
  emptyHistogram,
  histogramQuantile,
} from '../history/latency-histogram.ts';
import { bucketStart, bucketsTouched, chooseStep, DAY, HOUR, MINUTE } from '../history/time-buckets.ts';
import { windowMs } from '../history/window-queries.ts';
import { PIPELINE_LEVELS, type PipelineLevel } from './pipeline-rollups.ts';

const MAX_ERROR_CODES = 20;

interface BucketRow {
  t: number;
  completed: number;
  failed: number;
  duplicates: number;
  refused: number;
  solve_max: number;
  solve_hist: Uint8Array | null;
}

/** Sums being built for one chart bucket, or for the whole window. */
interface Sums {
  completed: number;
  failed: number;
  duplicates: number;
  refused: number;
  solveMax: number;
  hist: number[] | null;
}

/**
 * A pipeline monitor's chart series and totals over a window. Each window reads the coarsest buckets
 * that fit its chart step whole: 1 h and 24 h read minutes, 7 d and 30 d hours (720 rows for 30 days).
 */
export class PipelineHistoryQueries {
  private readonly rows: Map<PipelineLevel, StatementSync>;
  private readonly errors: Map<PipelineLevel, StatementSync>;

  constructor(db: DatabaseSync) {
    this.rows = new Map(
      PIPELINE_LEVELS.map((level) => [
        level,
        db.prepare(`
          SELECT t, completed, failed, duplicates, refused, solve_max, solve_hist FROM ${level.table}
          WHERE monitor = :m AND t >= :from AND t <= :to`),
      ]),
    );
    this.errors = new Map(
      PIPELINE_LEVELS.map((level) => [
        level,
        db.prepare(`
          SELECT code, sum(n) AS count FROM ${level.errors}
          WHERE monitor = :m AND t >= :from AND t <= :to
          GROUP BY code ORDER BY count DESC, code LIMIT ${MAX_ERROR_CODES}`),
      ]),
    );
  }

  /** At most `maxPoints` (≥ 2) buckets of a round size, at least a minute, covering the window. */
  read(monitorId: string, window: HistoryWindow, now: number, maxPoints = 500): PipelineHistory {
    const from = now - windowMs(window);
    // Windows past a day step by whole hours, so they read hour rows, which outlive the minutes.
    const step = chooseStep(from, now, maxPoints, windowMs(window) > DAY ? HOUR : MINUTE);
    const level = levelFor(step);
    const first = bucketStart(from, step);
    const n = bucketsTouched(from, now, step);
    const range = { m: monitorId, from: bucketStart(from, level.ms), to: now };
    const buckets: Sums[] = Array.from({ length: n }, emptySums);
    // Rows start at or after `first`, so each lands in a bucket and the buckets sum to the window.
    for (const row of (this.rows.get(level) as StatementSync).all(range)) {
      const r = row as unknown as BucketRow;
      const b = buckets[Math.floor((r.t - first) / step)] as Sums;
      b.completed += r.completed;
      b.failed += r.failed;
      b.duplicates += r.duplicates;
      b.refused += r.refused;
      b.solveMax = Math.max(b.solveMax, r.solve_max);
      if (r.solve_hist !== null) {
        b.hist ??= emptyHistogram();
        addEncodedHistogram(b.hist, r.solve_hist);
      }
    }
    const total = buckets.reduce(addSums, emptySums());
    const series: PipelineSeries = {
      t: Array.from({ length: n }, (_, i) => first + i * step),
      stepMs: step,
      completed: buckets.map((b) => b.completed),
      failed: buckets.map((b) => b.failed),
      successRate: buckets.map(successRate),
      solveP95Ms: buckets.map(solveP95),
      duplicates: buckets.map((b) => b.duplicates),
      refused: buckets.map((b) => b.refused),
    };
    return {
      totals: {
        completed: total.completed,
        failed: total.failed,
        successRate: successRate(total),
        solveP95Ms: solveP95(total),
        duplicates: total.duplicates,
        refused: total.refused,
      },
      series,
      errors: (this.errors.get(level) as StatementSync)
        .all(range)
        .map((r) => ({ code: r.code as string, count: r.count as number })),
    };
  }
}

/** The coarsest level whose buckets fit whole inside one chart bucket. */
function levelFor(step: number): PipelineLevel {
  let best = PIPELINE_LEVELS[0] as PipelineLevel;
  for (const level of PIPELINE_LEVELS) if (step % level.ms === 0) best = level;
  return best;
}

function emptySums(): Sums {
  return { completed: 0, failed: 0, duplicates: 0, refused: 0, solveMax: 0, hist: null };
}

function addSums(into: Sums, s: Sums): Sums {
  into.completed += s.completed;
  into.failed += s.failed;
  into.duplicates += s.duplicates;
  into.refused += s.refused;
  into.solveMax = Math.max(into.solveMax, s.solveMax);
  if (s.hist) {
    into.hist ??= emptyHistogram();
    addHistogram(into.hist, s.hist);
  }
  return into;
}

const successRate = (s: Sums): number | null =>
  s.completed + s.failed > 0 ? s.completed / (s.completed + s.failed) : null;

const solveP95 = (s: Sums): number | null => (s.hist ? histogramQuantile(s.hist, 0.95, s.solveMax) : null);
