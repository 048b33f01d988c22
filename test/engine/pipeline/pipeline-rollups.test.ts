import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { addEncodedHistogram, emptyHistogram } from '../../../src-main/engine/history/latency-histogram.ts';
import { DAY, MINUTE } from '../../../src-main/engine/history/time-buckets.ts';
import { PIPELINE_LEVELS } from '../../../src-main/engine/pipeline/pipeline-rollups.ts';
import { feed, RETENTION, START, setup, tempDir } from './pipeline-fixtures.ts';

const COUNTS = 'completed, failed, duplicates, refused, solve_n, solve_sum, solve_max, cost, queue_max';

/** A level's rows, or the minutes summed into that level's buckets, keyed by bucket start. */
function rowsOf(db: DatabaseSync, table: string, ms: number) {
  return db
    .prepare(
      `SELECT (t / ${ms}) * ${ms} AS bucket, sum(completed) AS completed, sum(failed) AS failed,
         sum(duplicates) AS duplicates, sum(refused) AS refused, sum(solve_n) AS solve_n,
         sum(solve_sum) AS solve_sum, max(solve_max) AS solve_max, sum(cost) AS cost, max(queue_max) AS queue_max
       FROM ${table} WHERE monitor = 'solver' GROUP BY bucket ORDER BY bucket`,
    )
    .all();
}

function histogramsOf(db: DatabaseSync, table: string, ms: number): Map<number, number[]> {
  const out = new Map<number, number[]>();
  for (const r of db.prepare(`SELECT t, solve_hist FROM ${table} WHERE monitor = 'solver'`).all()) {
    const bucket = Math.floor((r.t as number) / ms) * ms;
    const hist = out.get(bucket) ?? emptyHistogram();
    addEncodedHistogram(hist, r.solve_hist as Uint8Array | null);
    out.set(bucket, hist);
  }
  return out;
}

function errorsOf(db: DatabaseSync, table: string, ms: number) {
  return db
    .prepare(
      `SELECT (t / ${ms}) * ${ms} AS bucket, code, sum(n) AS n FROM ${table}
       WHERE monitor = 'solver' GROUP BY bucket, code ORDER BY bucket, code`,
    )
    .all();
}

describe('pipeline rollups', () => {
  it('keep in each hour and day bucket the sums of the minutes they come from', () => {
    const s = setup();
    const fed = feed(s, 50);
    const [minutes, ...longer] = PIPELINE_LEVELS;
    if (!minutes) throw new Error('no levels');
    for (const level of longer) {
      expect(rowsOf(s.db, level.table, level.ms)).toEqual(rowsOf(s.db, minutes.table, level.ms));
      expect(histogramsOf(s.db, level.table, level.ms)).toEqual(histogramsOf(s.db, minutes.table, level.ms));
      expect(errorsOf(s.db, level.errors, level.ms)).toEqual(errorsOf(s.db, minutes.errors, level.ms));
    }
    const days = s.db
      .prepare(`SELECT sum(completed) AS c, sum(failed) AS f, count(*) AS n FROM pipeline_days`)
      .get();
    expect(days).toEqual({ c: fed.completed, f: fed.failed, n: 3 });
  });

  it('count duplicates and refused requests in their minute, and nothing of a refused request else', () => {
    const s = setup();
    s.post([{ event: 'task.completed', taskId: 'a' }]);
    s.post([{ event: 'task.completed', taskId: 'a' }]);
    s.post([{ event: 'task.failed', taskId: 'b', errorCode: 'ERROR_TIMEOUT' }], 'forged');
    const minute = s.db.prepare(`SELECT ${COUNTS} FROM pipeline_minutes`).all();
    expect(minute).toEqual([expect.objectContaining({ completed: 1, failed: 0, duplicates: 1, refused: 1 })]);
    expect(s.db.prepare('SELECT count(*) AS n FROM pipeline_minute_errors').get()).toEqual({ n: 0 });
  });

  it('stores at most 100 error codes of a run, the rest as one, whatever the sender invents', () => {
    const s = setup();
    const batch = Array.from({ length: 150 }, (_, i) => ({
      event: 'task.failed',
      taskId: `f-${i}`,
      errorCode: `ERROR_MADE_UP_${i}`,
    }));
    expect(s.post(batch)).toMatchObject({ status: 202, body: { accepted: 150 } });
    const codes = s.db.prepare('SELECT code, n FROM pipeline_day_errors').all();
    expect(codes).toHaveLength(101);
    expect(codes).toContainEqual({ code: 'other codes', n: 50 });
  });

  it('prunes minutes after minuteRollupDays and hours and days after hourRollupDays', () => {
    const s = setup();
    feed(s, 24);
    const count = (table: string) =>
      (s.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    const before = Object.fromEntries(
      PIPELINE_LEVELS.flatMap((l) => [
        [l.table, count(l.table)],
        [l.errors, count(l.errors)],
      ]),
    );
    const now = s.clock.now();
    expect(s.intake.prune(now + 29 * DAY, RETENTION)).toBe(0);
    const deleted = s.intake.prune(now + 31 * DAY, RETENTION);
    expect(count('pipeline_minutes')).toBe(0);
    expect(count('pipeline_minute_errors')).toBe(0);
    expect(count('pipeline_hours')).toBe(before.pipeline_hours);
    expect(count('pipeline_days')).toBe(before.pipeline_days);
    expect(deleted).toBe((before.pipeline_minutes ?? 0) + (before.pipeline_minute_errors ?? 0));
    s.intake.prune(now + 30 * DAY, { ...RETENTION, hourRollupDays: 1 });
    for (const level of PIPELINE_LEVELS) {
      expect(count(level.table)).toBe(0);
      expect(count(level.errors)).toBe(0);
    }
  });

  it('adds the new columns to the minute table of a file written before the hour and day buckets', () => {
    const file = join(tempDir(), 'old.sqlite');
    const old = new DatabaseSync(file);
    old.exec(`CREATE TABLE pipeline_minutes (
        monitor TEXT NOT NULL, t INTEGER NOT NULL, completed INTEGER NOT NULL, failed INTEGER NOT NULL,
        solve_n INTEGER NOT NULL, solve_sum REAL NOT NULL, cost REAL NOT NULL, queue_max INTEGER,
        PRIMARY KEY (monitor, t)) WITHOUT ROWID;
      INSERT INTO pipeline_minutes VALUES ('solver', ${START - 5 * MINUTE}, 7, 1, 0, 0, 0, NULL);`);
    old.close();
    const s = setup(file);
    s.post([{ event: 'task.completed', taskId: 'new', solveMs: 800 }]);
    expect(s.intake.history('solver', '1h', s.clock.now())?.totals).toMatchObject({
      completed: 8,
      failed: 1,
    });
  });
});
