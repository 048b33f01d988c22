import type { DatabaseSync } from 'node:sqlite';
import { inTransaction } from './transaction.ts';

export interface Migration {
  /** Becomes `PRAGMA user_version` once applied; versions run 1, 2, 3… in order. */
  version: number;
  description: string;
  sql: string;
}

/** Columns shared by every rollup level: counts and sums that add up when buckets merge. */
const rollupColumns = `
  monitor INTEGER NOT NULL REFERENCES monitors (id),
  t INTEGER NOT NULL,
  up INTEGER NOT NULL,
  down INTEGER NOT NULL,
  unknown INTEGER NOT NULL,
  lat_n INTEGER NOT NULL,
  lat_sum INTEGER NOT NULL,
  lat_max INTEGER NOT NULL,
  value_n INTEGER NOT NULL,
  value_sum REAL NOT NULL`;

/**
 * The history schema, oldest first. Never edit an applied migration: add a new one.
 *
 * Times are epoch ms; a rollup's `t` is the start of its bucket. `status` is 0 unknown, 1 up,
 * 2 degraded, 3 down. Rollups count degraded as `up`. `lat_hist` is a latency-histogram.ts blob.
 * Since version 5 the rollup tables cover every sample but those still in `samples_recent`, whose sums
 * the open connection keeps in memory until it moves them (sample-journal.ts).
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'monitors, errors, raw samples and minute/hour/day rollups',
    sql: `
      CREATE TABLE monitors (
        id INTEGER PRIMARY KEY,
        config_id TEXT NOT NULL UNIQUE
      );
      CREATE TABLE errors (
        id INTEGER PRIMARY KEY,
        text TEXT NOT NULL UNIQUE
      );
      CREATE TABLE samples (
        monitor INTEGER NOT NULL REFERENCES monitors (id),
        t INTEGER NOT NULL,
        status INTEGER NOT NULL CHECK (status BETWEEN 0 AND 3),
        latency INTEGER,
        http_status INTEGER,
        value REAL,
        error INTEGER REFERENCES errors (id),
        PRIMARY KEY (monitor, t)
      ) WITHOUT ROWID;
      CREATE INDEX samples_by_error ON samples (error) WHERE error IS NOT NULL;
      CREATE TABLE rollup_minute (${rollupColumns},
        PRIMARY KEY (monitor, t)
      ) WITHOUT ROWID;
      CREATE TABLE rollup_hour (${rollupColumns},
        lat_hist BLOB,
        PRIMARY KEY (monitor, t)
      ) WITHOUT ROWID;
      CREATE TABLE rollup_day (${rollupColumns},
        lat_hist BLOB,
        PRIMARY KEY (monitor, t)
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 2,
    description: 'state changes and alert events',
    sql: `
      CREATE TABLE state_changes (
        id INTEGER PRIMARY KEY,
        monitor INTEGER NOT NULL REFERENCES monitors (id),
        t INTEGER NOT NULL,
        from_state TEXT NOT NULL,
        to_state TEXT NOT NULL,
        reason TEXT NOT NULL
      );
      CREATE INDEX state_changes_by_monitor ON state_changes (monitor, t);
      CREATE INDEX state_changes_by_time ON state_changes (t);
      CREATE TABLE alert_events (
        id INTEGER PRIMARY KEY,
        monitor INTEGER NOT NULL REFERENCES monitors (id),
        rule_id TEXT NOT NULL,
        t INTEGER NOT NULL,
        kind TEXT NOT NULL,
        severity TEXT NOT NULL,
        message TEXT NOT NULL
      );
      CREATE INDEX alert_events_by_monitor ON alert_events (monitor, t);
      CREATE INDEX alert_events_by_time ON alert_events (t);
    `,
  },
  {
    version: 3,
    description: 'notification outbox, delivery log and broken channels',
    sql: `
      CREATE TABLE outbox (
        id INTEGER PRIMARY KEY,
        channel TEXT NOT NULL,
        type TEXT NOT NULL,
        title TEXT NOT NULL,
        payload TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('pending', 'delivered', 'rejected', 'failed', 'expired')),
        attempts INTEGER NOT NULL DEFAULT 0,
        backoffs INTEGER NOT NULL DEFAULT 0,
        waits INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER,
        last_error TEXT,
        delivered_at INTEGER
      );
      CREATE INDEX outbox_pending ON outbox (channel, id) WHERE state = 'pending';
      CREATE INDEX outbox_delivered ON outbox (channel, delivered_at) WHERE delivered_at IS NOT NULL;
      CREATE INDEX outbox_by_created ON outbox (created_at);
      CREATE TABLE outbox_deliveries (
        id INTEGER PRIMARY KEY,
        outbox_id INTEGER NOT NULL,
        channel TEXT NOT NULL,
        t INTEGER NOT NULL,
        outcome TEXT NOT NULL,
        status INTEGER,
        error TEXT,
        detail TEXT
      );
      CREATE INDEX outbox_deliveries_by_message ON outbox_deliveries (outbox_id);
      CREATE INDEX outbox_deliveries_by_channel ON outbox_deliveries (channel, id);
      CREATE TABLE outbox_broken_channels (
        channel TEXT PRIMARY KEY,
        fingerprint TEXT NOT NULL,
        since INTEGER NOT NULL,
        status INTEGER NOT NULL,
        error TEXT NOT NULL,
        detail TEXT
      );
    `,
  },
  {
    version: 4,
    description: 'small engine state that must survive a restart (snoozes)',
    sql: `
      CREATE TABLE engine_state (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );
    `,
  },
  {
    version: 5,
    description: 'a journal of recent samples, so a flush appends to one page (sample-journal.ts)',
    sql: `
      ALTER TABLE samples RENAME TO samples_by_monitor;
      CREATE TABLE samples_recent (
        id INTEGER PRIMARY KEY,
        monitor INTEGER NOT NULL REFERENCES monitors (id),
        t INTEGER NOT NULL,
        status INTEGER NOT NULL CHECK (status BETWEEN 0 AND 3),
        latency INTEGER,
        http_status INTEGER,
        value REAL,
        error INTEGER REFERENCES errors (id)
      );
      CREATE VIEW samples AS
        SELECT monitor, t, status, latency, http_status, value, error FROM samples_by_monitor
        UNION ALL
        SELECT monitor, t, status, latency, http_status, value, error FROM samples_recent;
    `,
  },
  {
    version: 6,
    description: 'outbox: when the attempt in flight started, so a restart can tell a send cut short',
    sql: 'ALTER TABLE outbox ADD COLUMN attempt_started_at INTEGER;',
  },
];

export function schemaVersion(db: DatabaseSync): number {
  const row = db.prepare('PRAGMA user_version').get() as { user_version: number };
  return row.user_version;
}

/**
 * Brings the database up to the last migration, each step in its own transaction. A file written by
 * a newer Solvewatch is refused rather than used with a schema this code does not know.
 */
export function applyMigrations(db: DatabaseSync, migrations: readonly Migration[] = MIGRATIONS): void {
  const known = migrations.at(-1)?.version ?? 0;
  const current = schemaVersion(db);
  if (current > known) {
    throw new Error(
      `history database schema version ${current} is newer than this Solvewatch supports (${known}); ` +
        'upgrade Solvewatch or use another data directory',
    );
  }
  for (const m of migrations) {
    if (m.version <= current) continue;
    try {
      inTransaction(db, () => {
        // Another process may have migrated while this one waited for the write lock.
        if (schemaVersion(db) >= m.version) return;
        db.exec(m.sql);
        db.exec(`PRAGMA user_version = ${m.version}`);
      });
    } catch (err) {
      throw new Error(`history migration ${m.version} (${m.description}) failed: ${(err as Error).message}`, {
        cause: err,
      });
    }
  }
}
