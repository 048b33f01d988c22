import type { DatabaseSync, StatementSync } from 'node:sqlite';
import {
  mergeRollupsSql,
  ROLLUP_LEVELS,
  type RollupInput,
  type RollupLevel,
  RollupWriter,
} from './rollups.ts';
import { statusFromCode } from './stored-status.ts';
import { HOUR } from './time-buckets.ts';

/** A sample as stored: integer keys for the monitor and the error text, the status as its code. */
export interface JournalRow {
  monitor: number;
  t: number;
  status: number;
  latency: number | null;
  httpStatus: number | null;
  value: number | null;
  error: number | null;
}

/** Stored and journalled samples: every raw query reads this view. */
export const ALL_SAMPLES = 'temp.all_samples';
/** Its two sides, ordered by (monitor, t), for queries that stop early on each. */
export const STORED_SAMPLES = 'main.samples_by_monitor';
export const JOURNALLED_SAMPLES = 'temp.pending_samples';
/** A rollup level with the sums of the samples not moved yet added in. */
export const allRollups = (level: RollupLevel): string => `temp.all_${level.table}`;

const pending = (level: RollupLevel): string => `temp.pending_${level.table}`;

/**
 * Beyond this many samples waiting, they are moved before their hour ends, to bound memory. A move
 * rewrites about a page per monitor and table however many samples it carries, so the count scales
 * with the monitors (disk writes per check stay level) between bounds that keep the memory tables small.
 */
function moveAfterSamples(monitors: number): number {
  return Math.min(100_000, Math.max(50_000, 50 * monitors));
}
/** Beyond this many open rollup buckets summed in memory, they are written to the memory tables. */
const WRITE_AFTER_BUCKETS = 20_000;

const SAMPLE_COLUMNS = 'monitor, t, status, latency, http_status, value, error';
const ROLLUP_COLUMNS = `monitor INTEGER NOT NULL, t INTEGER NOT NULL, up INTEGER NOT NULL, down INTEGER NOT NULL,
  unknown INTEGER NOT NULL, lat_n INTEGER NOT NULL, lat_sum INTEGER NOT NULL, lat_max INTEGER NOT NULL,
  value_n INTEGER NOT NULL, value_sum REAL NOT NULL`;

/**
 * Where a flush puts samples. Tables ordered by monitor make per-monitor queries fast, but a flush
 * of checks from a few monitors then rewrites one page per monitor in every table (18 KiB of disk
 * writes per check). So a flush appends to `samples_recent`, in arrival order (one page for many
 * checks), and the same samples and their rollup sums are kept indexed in memory (temp tables). Once
 * an hour, or after `moveAfterSamples`, all of it moves into the ordered tables in one transaction.
 * After a crash the journal is still on disk and is moved at the next start.
 *
 * Every method runs inside the caller's write transaction.
 */
export class SampleJournal {
  private readonly db: DatabaseSync;
  private readonly rollups: RollupWriter;
  private readonly stored: StatementSync;
  private readonly newestStored: StatementSync;
  /**
   * Per monitor, a time no stored sample is newer than (read once, forgotten at each move): a sample
   * after it cannot be stored yet, so the common case skips the `stored` lookup. Its keys are the
   * monitors seen since the last move.
   */
  private storedUpTo = new Map<number, number>();
  private readonly insertPending: StatementSync;
  private readonly insertRecent: StatementSync;
  private readonly selectRecent: StatementSync;
  private readonly moves: StatementSync[];
  /** Samples waiting as of the last commit; after each commit they lie within one hour (`hour`). */
  private waiting = 0;
  private hour: number | null = null;
  /** What the caller's open transaction changed, applied by `committed`. */
  private open = emptyChange();

  constructor(db: DatabaseSync) {
    this.db = db;
    // In memory, so the mirror costs no disk writes (the default may be a temp file).
    db.exec('PRAGMA temp_store = MEMORY');
    db.exec(`
      CREATE TEMP TABLE pending_samples (
        monitor INTEGER NOT NULL, t INTEGER NOT NULL, status INTEGER NOT NULL, latency INTEGER,
        http_status INTEGER, value REAL, error INTEGER, PRIMARY KEY (monitor, t)
      ) WITHOUT ROWID;
      CREATE TEMP VIEW all_samples AS
        SELECT ${SAMPLE_COLUMNS} FROM main.samples_by_monitor
        UNION ALL SELECT ${SAMPLE_COLUMNS} FROM temp.pending_samples;
    `);
    for (const level of ROLLUP_LEVELS) {
      const hist = level.histogram ? ', lat_hist BLOB' : '';
      db.exec(`
        CREATE TEMP TABLE pending_${level.table} (${ROLLUP_COLUMNS}${hist}, PRIMARY KEY (monitor, t)) WITHOUT ROWID;
        CREATE TEMP VIEW all_${level.table} AS
          SELECT * FROM main.${level.table} UNION ALL SELECT * FROM ${pending(level)};
      `);
    }
    this.rollups = new RollupWriter(db, pending);
    this.stored = db.prepare('SELECT 1 FROM main.samples_by_monitor WHERE monitor = ? AND t = ?');
    this.newestStored = db.prepare('SELECT max(t) AS t FROM main.samples_by_monitor WHERE monitor = ?');
    this.insertPending = db.prepare(
      `INSERT INTO temp.pending_samples (${SAMPLE_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
    );
    this.insertRecent = db.prepare(
      `INSERT INTO main.samples_recent (${SAMPLE_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    this.selectRecent = db.prepare(
      'SELECT monitor, t, status, latency, http_status AS httpStatus, value, error FROM main.samples_recent ORDER BY id',
    );
    this.moves = [
      db.prepare(
        `INSERT INTO main.samples_by_monitor (${SAMPLE_COLUMNS})
         SELECT ${SAMPLE_COLUMNS} FROM temp.pending_samples WHERE true ON CONFLICT DO NOTHING`,
      ),
      ...ROLLUP_LEVELS.map((level) =>
        db.prepare(mergeRollupsSql(level, pending(level), `main.${level.table}`)),
      ),
      db.prepare('DELETE FROM main.samples_recent'),
      db.prepare('DELETE FROM temp.pending_samples'),
      ...ROLLUP_LEVELS.map((level) => db.prepare(`DELETE FROM ${pending(level)}`)),
    ];
  }

  /**
   * Adds samples to the journal and their sums to the open rollups. A sample whose monitor and time
   * are already stored is left out, of the rollups too: the first one stays.
   */
  add(rows: readonly JournalRow[]): void {
    const inputs: RollupInput[] = [];
    for (const r of rows) {
      if (!(r.t > this.newestStoredOf(r.monitor)) && this.stored.get(r.monitor, r.t) !== undefined) continue;
      const values = [r.monitor, r.t, r.status, r.latency, r.httpStatus, r.value, r.error] as const;
      if (this.insertPending.run(...values).changes === 0) continue;
      this.insertRecent.run(...values);
      inputs.push(rollupInput(r));
    }
    this.mirror(inputs);
  }

  private newestStoredOf(monitor: number): number {
    let t = this.storedUpTo.get(monitor);
    if (t === undefined) {
      t = ((this.newestStored.get(monitor) as { t: number | null }).t ?? -Infinity) as number;
      this.storedUpTo.set(monitor, t);
    }
    return t;
  }

  /** True when the waiting samples span more than one hour, or are too many to keep in memory. */
  get due(): boolean {
    const count = this.waiting + this.open.count;
    if (count === 0 || this.open.moved) return false;
    if (count >= moveAfterSamples(this.storedUpTo.size)) return true;
    const hours = [this.hour, this.open.oldestHour, this.open.newestHour].filter((h) => h !== null);
    return Math.max(...hours) > Math.min(...hours);
  }

  /** Rollup sums are waiting in memory: a reader of the rollup views needs `writeRollups` first. */
  get rollupsWaiting(): boolean {
    return this.rollups.waiting > 0;
  }

  /** Adds the rollup sums kept in memory to the memory tables, where queries see them. */
  writeRollups(): void {
    this.rollups.write();
  }

  /** Moves every waiting sample and rollup sum into the tables ordered by monitor. */
  move(): void {
    this.rollups.write();
    this.storedUpTo.clear();
    for (const stmt of this.moves) stmt.run();
    this.open.moved = true;
  }

  /** Reads back a journal a crash left behind (the memory mirror is gone); `move` then stores it. */
  recover(): void {
    const inputs: RollupInput[] = [];
    for (const row of this.selectRecent.iterate()) {
      const r = row as unknown as JournalRow;
      this.insertPending.run(r.monitor, r.t, r.status, r.latency, r.httpStatus, r.value, r.error);
      inputs.push(rollupInput(r));
    }
    this.mirror(inputs);
  }

  /** The caller's transaction committed: what it added now waits, or was moved. */
  committed(): void {
    this.rollups.committed();
    const o = this.open;
    if (o.moved) {
      this.waiting = 0;
      this.hour = null;
    } else if (o.count > 0) {
      this.waiting += o.count;
      this.hour = Math.min(this.hour ?? Infinity, o.oldestHour ?? Infinity);
    }
    this.open = emptyChange();
  }

  /** The caller's transaction rolled back, and the memory tables with it. */
  rolledBack(): void {
    this.rollups.rolledBack();
    this.open = emptyChange();
  }

  /** Drops the memory tables; the connection may outlive this history. */
  drop(): void {
    this.db.exec('DROP VIEW IF EXISTS temp.all_samples; DROP TABLE IF EXISTS temp.pending_samples');
    for (const level of ROLLUP_LEVELS) {
      this.db.exec(`DROP VIEW IF EXISTS ${allRollups(level)}; DROP TABLE IF EXISTS ${pending(level)}`);
    }
  }

  private mirror(inputs: readonly RollupInput[]): void {
    this.rollups.add(inputs);
    this.rollups.writeClosed();
    if (this.rollups.waiting >= WRITE_AFTER_BUCKETS) this.rollups.write();
    const o = this.open;
    for (const s of inputs) {
      const hour = Math.floor(s.time / HOUR);
      o.oldestHour = Math.min(o.oldestHour ?? hour, hour);
      o.newestHour = Math.max(o.newestHour ?? hour, hour);
    }
    o.count += inputs.length;
  }
}

function emptyChange() {
  return { count: 0, oldestHour: null as number | null, newestHour: null as number | null, moved: false };
}

function rollupInput(r: JournalRow): RollupInput {
  return {
    monitor: r.monitor,
    time: r.t,
    status: statusFromCode(r.status),
    latencyMs: r.latency,
    value: r.value,
  };
}
