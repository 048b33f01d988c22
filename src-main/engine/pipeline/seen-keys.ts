import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { setBounded } from '../bounded-map.ts';
import { inTransaction } from '../history/transaction.ts';

/** A provider retries for up to 4 h after the first attempt (seed 004); a day covers any replay. */
export const DUPLICATE_WINDOW_MS = 24 * 3_600_000;
/** Rows kept at most: past it the oldest keys go first (about 100 bytes each on disk). */
const MAX_ROWS = 2_000_000;
/** Keys answered from memory without a query; the table stays the authority. */
const MAX_CACHED = 20_000;
const PRUNE_EVERY = 10_000;

/**
 * The `(event, taskId)` keys seen in the last 24 h per pipeline monitor, so a retry is recognised
 * after a restart too. The table lives in the history file; it is created here rather than in the
 * numbered migrations because it holds nothing that must survive a schema change.
 */
export class SeenKeys {
  private readonly db: DatabaseSync;
  private readonly claim: StatementSync;
  private readonly cache = new Map<string, number>();
  private rows: number;
  private sincePrune = 0;

  constructor(db: DatabaseSync) {
    this.db = db;
    db.exec(`
      CREATE TABLE IF NOT EXISTS pipeline_seen (
        monitor TEXT NOT NULL,
        key TEXT NOT NULL,
        t INTEGER NOT NULL,
        PRIMARY KEY (monitor, key)
      ) WITHOUT ROWID;
      CREATE INDEX IF NOT EXISTS pipeline_seen_t ON pipeline_seen (t);
    `);
    // Inserts a new key, or takes over one older than the window; no change means "seen".
    this.claim = db.prepare(`
      INSERT INTO pipeline_seen (monitor, key, t) VALUES (?, ?, ?)
      ON CONFLICT (monitor, key) DO UPDATE SET t = excluded.t WHERE pipeline_seen.t <= ?`);
    this.rows = (db.prepare('SELECT count(*) AS n FROM pipeline_seen').get() as { n: number }).n;
  }

  /** True the first time a key is seen within the window (and records it), false for a repeat. */
  firstSeen(monitorId: string, key: string, now: number): boolean {
    const cacheKey = `${monitorId}\u0000${key}`;
    const cached = this.cache.get(cacheKey);
    if (cached !== undefined && now - cached < DUPLICATE_WINDOW_MS) return false;
    const fresh = this.claim.run(monitorId, key, now, now - DUPLICATE_WINDOW_MS).changes > 0;
    if (fresh) {
      this.rows++;
      this.remember(cacheKey, now);
      if (++this.sincePrune >= PRUNE_EVERY) this.prune(now);
    }
    return fresh;
  }

  /** Runs `f` in one transaction, so a batch of keys costs one commit. */
  batch<T>(f: () => T): T {
    return inTransaction(this.db, f);
  }

  /** Drops expired keys, then the oldest beyond the size bound. */
  prune(now: number): void {
    this.sincePrune = 0;
    this.db.prepare('DELETE FROM pipeline_seen WHERE t <= ?').run(now - DUPLICATE_WINDOW_MS);
    this.rows = (this.db.prepare('SELECT count(*) AS n FROM pipeline_seen').get() as { n: number }).n;
    if (this.rows > MAX_ROWS) {
      this.db
        .prepare(
          'DELETE FROM pipeline_seen WHERE t <= (SELECT t FROM pipeline_seen ORDER BY t LIMIT 1 OFFSET ?)',
        )
        .run(this.rows - MAX_ROWS);
      this.rows = (this.db.prepare('SELECT count(*) AS n FROM pipeline_seen').get() as { n: number }).n;
    }
  }

  private remember(cacheKey: string, now: number): void {
    setBounded(this.cache, cacheKey, now, MAX_CACHED);
  }
}
