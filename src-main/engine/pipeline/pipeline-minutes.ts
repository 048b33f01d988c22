import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { PipelineDaySummary } from '../../api/notification-types.ts';
import { isFailure } from './event-slots.ts';
import { type PipelineEvent, RESULT_EVENTS } from './pipeline-event.ts';

const MINUTE_MS = 60_000;
const PRUNE_EVERY = 1000;

/** One minute's counts of one pipeline monitor, as they add up. */
export interface MinuteCounts {
  completed: number;
  failed: number;
  solveN: number;
  solveSum: number;
  cost: number;
  queueMax: number | null;
}

/** Adds an accepted event to the per-minute deltas of a request. */
export function addToMinute(deltas: Map<number, MinuteCounts>, e: PipelineEvent, t: number): void {
  const minute = t - (t % MINUTE_MS);
  let d = deltas.get(minute);
  if (!d) {
    d = { completed: 0, failed: 0, solveN: 0, solveSum: 0, cost: 0, queueMax: null };
    deltas.set(minute, d);
  }
  if (RESULT_EVENTS.has(e.event)) {
    if (isFailure(e)) d.failed++;
    else d.completed++;
    if (e.solveMs !== null) {
      d.solveN++;
      d.solveSum += e.solveMs;
    }
  }
  if (e.cost !== null) d.cost += e.cost;
  if (e.queueDepth !== null) d.queueMax = Math.max(d.queueMax ?? 0, e.queueDepth);
}

/**
 * Per-minute totals of each pipeline monitor in the history file, for the daily summary and long
 * windows; the live window is read from memory. Created here, like `pipeline_seen`.
 */
export class PipelineMinutes {
  private readonly db: DatabaseSync;
  private readonly upsert: StatementSync;
  private sincePrune = 0;

  constructor(db: DatabaseSync) {
    this.db = db;
    db.exec(`
      CREATE TABLE IF NOT EXISTS pipeline_minutes (
        monitor TEXT NOT NULL,
        t INTEGER NOT NULL,
        completed INTEGER NOT NULL,
        failed INTEGER NOT NULL,
        solve_n INTEGER NOT NULL,
        solve_sum REAL NOT NULL,
        cost REAL NOT NULL,
        queue_max INTEGER,
        PRIMARY KEY (monitor, t)
      ) WITHOUT ROWID;
    `);
    this.upsert = db.prepare(`
      INSERT INTO pipeline_minutes (monitor, t, completed, failed, solve_n, solve_sum, cost, queue_max)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (monitor, t) DO UPDATE SET
        completed = completed + excluded.completed,
        failed = failed + excluded.failed,
        solve_n = solve_n + excluded.solve_n,
        solve_sum = solve_sum + excluded.solve_sum,
        cost = cost + excluded.cost,
        queue_max = max(coalesce(queue_max, excluded.queue_max), coalesce(excluded.queue_max, queue_max))`);
  }

  /** Adds a request's deltas; minutes older than `keepBefore` are dropped now and then. */
  add(monitorId: string, deltas: ReadonlyMap<number, MinuteCounts>, keepBefore: number): void {
    for (const [t, d] of deltas) {
      this.upsert.run(monitorId, t, d.completed, d.failed, d.solveN, d.solveSum, d.cost, d.queueMax);
    }
    if (++this.sincePrune >= PRUNE_EVERY) {
      this.sincePrune = 0;
      this.db.prepare('DELETE FROM pipeline_minutes WHERE t < ?').run(keepBefore);
    }
  }

  /** The monitors' totals over [from, to); null when none of them reported a result. */
  summary(monitorIds: readonly string[], from: number, to: number): PipelineDaySummary | null {
    if (monitorIds.length === 0) return null;
    const row = this.db
      .prepare(
        `SELECT sum(completed) AS completed, sum(failed) AS failed, sum(solve_n) AS solveN,
                sum(solve_sum) AS solveSum, sum(cost) AS cost, max(queue_max) AS peakQueue
         FROM pipeline_minutes
         WHERE monitor IN (${monitorIds.map(() => '?').join(', ')}) AND t >= ? AND t < ?`,
      )
      .get(...monitorIds, from, to) as Record<string, number | null>;
    const completed = row.completed ?? 0;
    const failed = row.failed ?? 0;
    const tasks = completed + failed;
    if (tasks === 0 && row.peakQueue === null) return null;
    const solveN = row.solveN ?? 0;
    return {
      tasks,
      completed,
      failed,
      successRate: tasks > 0 ? completed / tasks : null,
      solveAvgMs: solveN > 0 ? (row.solveSum ?? 0) / solveN : null,
      cost: (row.cost ?? 0) > 0 ? Math.round((row.cost ?? 0) * 100) / 100 : null,
      peakQueue: row.peakQueue ?? null,
    };
  }
}
