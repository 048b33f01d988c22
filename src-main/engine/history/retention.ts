import type { DatabaseSync } from 'node:sqlite';
import { rollupLevel } from './rollups.ts';
import { DAY } from './time-buckets.ts';

export interface Retention {
  rawDays: number;
  minuteRollupDays: number;
  hourRollupDays: number;
}

/** Rows deleted by one prune. Day rollups, state changes and alert events follow `hourRollupDays`. */
export interface PruneResult {
  raw: number;
  minute: number;
  hour: number;
  day: number;
  stateChanges: number;
  alertEvents: number;
  errors: number;
}

/** Rows per delete statement; each runs in its own short transaction so writers never wait long. */
const BATCH = 5000;

/**
 * Rollup buckets go once they have ended by their cutoff; error texts once no sample refers to them.
 * Expects the samples journal to be empty (moved just before).
 */
export function pruneHistory(db: DatabaseSync, now: number, retention: Retention): PruneResult {
  for (const key of ['rawDays', 'minuteRollupDays', 'hourRollupDays'] as const) {
    const days = retention[key];
    if (!(Number.isFinite(days) && days > 0)) {
      throw new RangeError(`retention ${key} must be > 0, got ${days}`);
    }
  }
  const cutoff = (days: number) => now - days * DAY;
  const rawCutoff = cutoff(retention.rawDays);
  const minuteCutoff = cutoff(retention.minuteRollupDays);
  const hourCutoff = cutoff(retention.hourRollupDays);
  const monitors = (db.prepare('SELECT id FROM monitors').all() as { id: number }[]).map((r) => r.id);
  const bucketsEndedBy = (table: 'rollup_minute' | 'rollup_hour' | 'rollup_day', at: number) =>
    deleteByMonitor(db, table, monitors, at - rollupLevel(table).ms);
  return {
    raw: deleteByMonitor(db, 'samples_by_monitor', monitors, rawCutoff - 1),
    minute: bucketsEndedBy('rollup_minute', minuteCutoff),
    hour: bucketsEndedBy('rollup_hour', hourCutoff),
    day: bucketsEndedBy('rollup_day', hourCutoff),
    stateChanges: deleteByTime(db, 'state_changes', hourCutoff),
    alertEvents: deleteByTime(db, 'alert_events', hourCutoff),
    errors: repeatUntilDone(
      db,
      `DELETE FROM errors WHERE id IN (
         SELECT id FROM errors e WHERE NOT EXISTS (SELECT 1 FROM samples_by_monitor s WHERE s.error = e.id) LIMIT ${BATCH})`,
      {},
    ),
  };
}

/** Deletes rows with t ≤ lastDeleted from a table keyed (monitor, t), walking each monitor in batches. */
function deleteByMonitor(
  db: DatabaseSync,
  table: string,
  monitors: readonly number[],
  lastDeleted: number,
): number {
  const nth = db.prepare(
    `SELECT t FROM ${table} WHERE monitor = ? AND t <= ? ORDER BY t LIMIT 1 OFFSET ${BATCH - 1}`,
  );
  const remove = db.prepare(`DELETE FROM ${table} WHERE monitor = ? AND t <= ?`);
  let deleted = 0;
  for (const monitor of monitors) {
    for (;;) {
      const batchEnd = nth.get(monitor, lastDeleted) as { t: number } | undefined;
      deleted += Number(remove.run(monitor, batchEnd?.t ?? lastDeleted).changes);
      if (!batchEnd) break;
    }
  }
  return deleted;
}

function deleteByTime(db: DatabaseSync, table: 'state_changes' | 'alert_events', cutoff: number): number {
  return repeatUntilDone(
    db,
    `DELETE FROM ${table} WHERE id IN (SELECT id FROM ${table} WHERE t < :cutoff ORDER BY t LIMIT ${BATCH})`,
    { cutoff },
  );
}

function repeatUntilDone(db: DatabaseSync, sql: string, params: Record<string, number>): number {
  const stmt = db.prepare(sql);
  let deleted = 0;
  for (;;) {
    const n = Number(stmt.run(params).changes);
    deleted += n;
    if (n < BATCH) return deleted;
  }
}
