import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { ALL_SAMPLES } from './sample-journal.ts';

/**
 * Heartbeats per chart bucket, read back from a heartbeat monitor's checks: each check stores the
 * seconds since the last beat as its value, so a check whose beat came after the check before it
 * saw a new beat at `t - value`. These are the beats the checks saw: a heartbeat is checked at least
 * four times per expected period, so a job beating on schedule has each beat counted; beats closer
 * together than the checks count once. Raw samples only: a bucket older than them is null.
 */
export class BeatSeries {
  private readonly db: DatabaseSync;
  private readonly perBucket = new Map<number, StatementSync>();
  private readonly oldest: StatementSync;

  constructor(db: DatabaseSync) {
    this.db = db;
    this.oldest = db.prepare(`SELECT min(t) AS t FROM ${ALL_SAMPLES} WHERE monitor = :m AND t >= :from`);
  }

  /** Counts aligned with `t` (bucket starts, equally spaced); `to` is the end of the last bucket's data. */
  beats(monitor: number | null, t: readonly number[], to: number): (number | null)[] {
    const first = t[0];
    const out: (number | null)[] = t.map(() => null);
    if (monitor === null || first === undefined) return out;
    const step = t.length > 1 ? (t[1] as number) - first : to - first + 1;
    const oldest = (this.oldest.get({ m: monitor, from: first }) as { t: number | null }).t;
    if (oldest === null) return out;
    for (let i = 0; i < t.length; i++) if ((t[i] as number) + step > oldest) out[i] = 0;
    // Rounded to 0.1 s by the probe: a beat within 50 ms after a check could be counted twice.
    const rows = this.statement(step).all({ m: monitor, from: first, to }) as unknown as BeatRow[];
    for (const row of rows) {
      const i = row.b - first / step;
      if (i >= 0 && i < out.length) out[i] = row.beats;
    }
    return out;
  }

  private statement(step: number): StatementSync {
    let stmt = this.perBucket.get(step);
    if (!stmt) {
      stmt = this.db.prepare(`
        SELECT CAST(beat AS INTEGER) / ${step} AS b, count(*) AS beats FROM (
          SELECT t - value * 1000 AS beat, lag(t) OVER (ORDER BY t) AS prev
          FROM ${ALL_SAMPLES} WHERE monitor = :m AND t >= :from AND t <= :to
        ) WHERE beat IS NOT NULL AND beat >= :from AND beat > coalesce(prev + 50, :from - 1)
        GROUP BY b`);
      this.perBucket.set(step, stmt);
    }
    return stmt;
  }
}

interface BeatRow {
  b: number;
  beats: number;
}
