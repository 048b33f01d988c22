import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { PipelineDaySummary } from '../../api/notification-types.ts';
import { encodeHistogram, mergeEncodedHistograms } from '../history/latency-histogram.ts';
import type { Retention } from '../history/retention.ts';
import { DAY, HOUR, MINUTE } from '../history/time-buckets.ts';
import { addCounts, type BucketCounts, countsAt } from './pipeline-minutes.ts';

export interface PipelineLevel {
  table: 'pipeline_minutes' | 'pipeline_hours' | 'pipeline_days';
  /** Failed results by error code, per bucket of the same size. */
  errors: 'pipeline_minute_errors' | 'pipeline_hour_errors' | 'pipeline_day_errors';
  ms: number;
}

/** Like the sample rollups (history/rollups.ts): each request adds to its minute, hour and day at once. */
export const PIPELINE_LEVELS: readonly PipelineLevel[] = [
  { table: 'pipeline_minutes', errors: 'pipeline_minute_errors', ms: MINUTE },
  { table: 'pipeline_hours', errors: 'pipeline_hour_errors', ms: HOUR },
  { table: 'pipeline_days', errors: 'pipeline_day_errors', ms: DAY },
];

const COLUMNS = `
  completed INTEGER NOT NULL DEFAULT 0,
  failed INTEGER NOT NULL DEFAULT 0,
  duplicates INTEGER NOT NULL DEFAULT 0,
  refused INTEGER NOT NULL DEFAULT 0,
  solve_n INTEGER NOT NULL DEFAULT 0,
  solve_sum REAL NOT NULL DEFAULT 0,
  solve_max REAL NOT NULL DEFAULT 0,
  solve_hist BLOB,
  cost REAL NOT NULL DEFAULT 0,
  queue_max INTEGER`;

/** Files written before the hour and day buckets have minute rows without these columns. */
const ADDED_TO_MINUTES: Readonly<Record<string, string>> = {
  duplicates: 'INTEGER NOT NULL DEFAULT 0',
  refused: 'INTEGER NOT NULL DEFAULT 0',
  solve_max: 'REAL NOT NULL DEFAULT 0',
  solve_hist: 'BLOB',
};

/**
 * Per-minute, per-hour and per-day counts of each pipeline monitor in the history file: what the
 * charts over 1 h – 30 d and the daily summary read (the live window is read from memory). Raw events
 * are never stored; only `pipeline_seen` keeps their keys, for duplicates. Created here, like it.
 */
export class PipelineRollups {
  private readonly db: DatabaseSync;
  private readonly upserts: { counts: StatementSync; errors: StatementSync }[];

  constructor(db: DatabaseSync) {
    this.db = db;
    for (const level of PIPELINE_LEVELS) {
      db.exec(`
        CREATE TABLE IF NOT EXISTS ${level.table} (
          monitor TEXT NOT NULL, t INTEGER NOT NULL, ${COLUMNS}, PRIMARY KEY (monitor, t)
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS ${level.errors} (
          monitor TEXT NOT NULL, t INTEGER NOT NULL, code TEXT NOT NULL, n INTEGER NOT NULL,
          PRIMARY KEY (monitor, t, code)
        ) WITHOUT ROWID;`);
    }
    const present = new Set(
      (db.prepare('PRAGMA table_info(pipeline_minutes)').all() as { name: string }[]).map((c) => c.name),
    );
    for (const [name, type] of Object.entries(ADDED_TO_MINUTES)) {
      if (!present.has(name)) db.exec(`ALTER TABLE pipeline_minutes ADD COLUMN ${name} ${type}`);
    }
    // The same function history/rollups.ts registers; registered here too so this store stands alone.
    db.function('hist_merge', { deterministic: true }, (a, b) =>
      mergeEncodedHistograms(a as Uint8Array | null, b as Uint8Array | null),
    );
    this.upserts = PIPELINE_LEVELS.map((level) => ({
      counts: db.prepare(`
        INSERT INTO ${level.table}
          (monitor, t, completed, failed, duplicates, refused, solve_n, solve_sum, solve_max, solve_hist, cost, queue_max)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (monitor, t) DO UPDATE SET
          completed = completed + excluded.completed,
          failed = failed + excluded.failed,
          duplicates = duplicates + excluded.duplicates,
          refused = refused + excluded.refused,
          solve_n = solve_n + excluded.solve_n,
          solve_sum = solve_sum + excluded.solve_sum,
          solve_max = max(solve_max, excluded.solve_max),
          solve_hist = hist_merge(solve_hist, excluded.solve_hist),
          cost = cost + excluded.cost,
          queue_max = max(coalesce(queue_max, excluded.queue_max), coalesce(excluded.queue_max, queue_max))`),
      errors: db.prepare(`
        INSERT INTO ${level.errors} (monitor, t, code, n) VALUES (?, ?, ?, ?)
        ON CONFLICT (monitor, t, code) DO UPDATE SET n = n + excluded.n`),
    }));
  }

  /** Adds a request's minute counts to their minutes, hours and days; the caller holds the transaction. */
  add(monitorId: string, minutes: ReadonlyMap<number, BucketCounts>): void {
    PIPELINE_LEVELS.forEach((level, i) => {
      const upsert = this.upserts[i] as { counts: StatementSync; errors: StatementSync };
      for (const [t, c] of level.ms === MINUTE ? minutes : rolledUp(minutes, level.ms)) {
        upsert.counts.run(
          monitorId,
          t,
          c.completed,
          c.failed,
          c.duplicates,
          c.refused,
          c.solveN,
          c.solveSum,
          c.solveMax,
          c.solveHist && encodeHistogram(c.solveHist),
          c.cost,
          c.queueMax,
        );
        for (const [code, n] of c.errors) upsert.errors.run(monitorId, t, code, n);
      }
    });
  }

  /**
   * Drops buckets that ended before their cutoff, as history/retention.ts does for the sample
   * rollups: minutes after `minuteRollupDays`, hours and days after `hourRollupDays`. Rows deleted.
   */
  prune(now: number, retention: Retention): number {
    // Every monitor with rows has day rows, the smallest table: the deletes then walk the primary key.
    const monitors = this.db.prepare('SELECT DISTINCT monitor FROM pipeline_days').all() as Monitor[];
    let deleted = 0;
    for (const level of PIPELINE_LEVELS) {
      const days = level.ms === MINUTE ? retention.minuteRollupDays : retention.hourRollupDays;
      const lastDeleted = now - days * DAY - level.ms;
      for (const table of [level.table, level.errors]) {
        const remove = this.db.prepare(`DELETE FROM ${table} WHERE monitor = ? AND t <= ?`);
        for (const { monitor } of monitors) deleted += Number(remove.run(monitor, lastDeleted).changes);
      }
    }
    return deleted;
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

type Monitor = { monitor: string };

function rolledUp(minutes: ReadonlyMap<number, BucketCounts>, ms: number): Map<number, BucketCounts> {
  const out = new Map<number, BucketCounts>();
  for (const [t, c] of minutes) addCounts(countsAt(out, t, ms), c);
  return out;
}
