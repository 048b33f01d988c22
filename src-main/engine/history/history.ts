import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type {
  AlertEvent,
  HistoryWindow,
  Series,
  StateChange,
  WindowSummary,
} from '../../api/history-types.ts';
import { BatchWriter } from './batch-writer.ts';
import { BeatSeries } from './beat-series.ts';
import { checkedAlertEvent, checkedSample, checkedStateChange } from './checked-rows.ts';
import { InternTable } from './intern-table.ts';
import { closeDatabase, openDatabase } from './open-database.ts';
import { type PruneResult, pruneHistory, type Retention } from './retention.ts';
import { JOURNALLED_SAMPLES, STORED_SAMPLES } from './sample-journal.ts';
import type { StoredSample } from './stored-sample.ts';
import { statusFromCode } from './stored-status.ts';
import { WindowQueries } from './window-queries.ts';

export { windowMs } from './window-queries.ts';

export interface History {
  /** Buffered; cheap. Throws a TypeError for a malformed sample instead of storing it. */
  add(sample: StoredSample): void;
  addStateChange(change: StateChange): void;
  addAlertEvent(event: AlertEvent): void;
  /**
   * Writes buffered rows in one transaction. Also runs on a timer and when the buffer is full, where
   * a failure goes to `onError` instead. When the write fails (the file is locked, the disk is full)
   * it throws and keeps the rows for the next flush.
   */
  flush(): void;
  summary(monitorId: string, window: HistoryWindow, now: number): WindowSummary;
  /** At most `maxPoints` (default 500, minimum 2) buckets of a round size covering the window. */
  series(monitorId: string, window: HistoryWindow, now: number, maxPoints?: number): Series;
  /** A heartbeat monitor's beats per bucket of `t` (a series' buckets) up to `now`; null before its raw samples. */
  beats(monitorId: string, t: readonly number[], now: number): (number | null)[];
  /** Newest first; `from` and `to` inclusive; all monitors when `monitorId` is null. */
  stateChanges(monitorId: string | null, from: number, to: number, limit?: number): StateChange[];
  alertEvents(monitorId: string | null, from: number, to: number, limit?: number): AlertEvent[];
  /** Newest first; used to restore state at start. */
  recentSamples(monitorId: string, limit: number): StoredSample[];
  prune(now: number, retention: Retention): PruneResult;
  /** page_count × page_size of the main database file. */
  sizeBytes(): number;
  /** Flushes and stores the journal; one from openHistory also checkpoints the WAL and closes the file. Idempotent. */
  close(): void;
}

export interface HistoryOptions {
  flushIntervalMs?: number;
  maxBuffered?: number;
  /** For openHistory's connection. */
  busyTimeoutMs?: number;
  /**
   * The first failure of automatic flushes (timer, full buffer) in a row of failures, and dropped
   * samples; explicit calls throw instead.
   */
  onError?: (err: Error) => void;
  /** Says when writes work again after failing. */
  log?: (line: string) => void;
}

const DEFAULT_LIST_LIMIT = 1000;
/** While writes keep failing, the oldest buffered samples beyond this are dropped. */
const MAX_PENDING_SAMPLES = 100_000;

/** A history on its own connection to `file` (see openDatabase), closed with it. */
export function openHistory(file: string, options: HistoryOptions = {}): History {
  const { db } = openDatabase(file, { busyTimeoutMs: options.busyTimeoutMs });
  try {
    return new SqliteHistory(db, options, true);
  } catch (err) {
    db.close();
    throw err;
  }
}

/** A history over a connection from openDatabase that other stores share; its owner closes it. */
export function createHistory(
  db: DatabaseSync,
  options: Omit<HistoryOptions, 'busyTimeoutMs'> = {},
): History {
  return new SqliteHistory(db, options, false);
}

class SqliteHistory implements History {
  private readonly db: DatabaseSync;
  private readonly ownsDb: boolean;
  private readonly monitors: InternTable;
  private readonly errors: InternTable;
  private readonly writer: BatchWriter;
  private readonly queries: WindowQueries;
  private readonly beatSeries: BeatSeries;
  private readonly maxBuffered: number;
  private readonly onError: (err: Error) => void;
  private readonly log: (line: string) => void;
  private readonly timer: NodeJS.Timeout;
  private readonly selectRecent: StatementSync;
  private readonly changeLists: ListStatements;
  private readonly eventLists: ListStatements;
  private samples: StoredSample[] = [];
  private changes: StateChange[] = [];
  private events: AlertEvent[] = [];
  /** Failed writes in a row; while > 0 only the timer retries, so a full buffer does not retry on every add. */
  private failures = 0;
  /** The current row of failures was reported, and how many samples it dropped. */
  private reported = false;
  private dropped = 0;
  private closed = false;

  constructor(db: DatabaseSync, options: HistoryOptions, ownsDb: boolean) {
    this.db = db;
    this.ownsDb = ownsDb;
    this.monitors = new InternTable(db, 'monitors', 'config_id');
    this.errors = new InternTable(db, 'errors', 'text');
    this.writer = new BatchWriter(db, this.monitors, this.errors);
    this.writer.recoverJournal();
    this.queries = new WindowQueries(db);
    this.beatSeries = new BeatSeries(db);
    this.maxBuffered = Math.max(1, options.maxBuffered ?? 500);
    this.onError = options.onError ?? ((err) => process.emitWarning(err));
    this.log = options.log ?? ((line) => process.emitWarning(line));
    this.timer = setInterval(() => this.flushReportingErrors(), options.flushIntervalMs ?? 1000);
    this.timer.unref();
    // Newest first from each side of the journal, each stopping after `limit` rows of its index.
    const newest = (table: string) =>
      `SELECT * FROM (SELECT t, status, latency, http_status, value, error FROM ${table}
         WHERE monitor = :m ORDER BY t DESC LIMIT :limit)`;
    this.selectRecent = db.prepare(`
      SELECT s.t, s.status, s.latency, s.http_status, s.value, e.text AS error
      FROM (${newest(JOURNALLED_SAMPLES)} UNION ALL ${newest(STORED_SAMPLES)}) s
      LEFT JOIN errors e ON e.id = s.error
      ORDER BY s.t DESC LIMIT :limit`);
    this.changeLists = listStatements(
      db,
      `SELECT m.config_id AS monitorId, c.t AS time, c.from_state AS "from", c.to_state AS "to", c.reason
       FROM state_changes c JOIN monitors m ON m.id = c.monitor`,
      'c',
    );
    this.eventLists = listStatements(
      db,
      `SELECT m.config_id AS monitorId, a.rule_id AS ruleId, a.t AS time, a.kind, a.severity, a.message
       FROM alert_events a JOIN monitors m ON m.id = a.monitor`,
      'a',
    );
  }

  add(sample: StoredSample): void {
    this.assertOpen();
    this.samples.push(checkedSample(sample));
    this.flushIfFull();
  }

  addStateChange(change: StateChange): void {
    this.assertOpen();
    this.changes.push(checkedStateChange(change));
    this.flushIfFull();
  }

  addAlertEvent(event: AlertEvent): void {
    this.assertOpen();
    this.events.push(checkedAlertEvent(event));
    this.flushIfFull();
  }

  flush(): void {
    this.assertOpen();
    if (this.samples.length + this.changes.length + this.events.length === 0) return;
    const batch = { samples: this.samples, stateChanges: this.changes, alertEvents: this.events };
    this.samples = [];
    this.changes = [];
    this.events = [];
    try {
      this.writer.write(batch);
    } catch (err) {
      this.failures++;
      this.requeue(batch.samples, batch.stateChanges, batch.alertEvents);
      throw err;
    }
    if (this.failures > 0) {
      const dropped = this.dropped > 0 ? `; ${this.dropped} samples were dropped meanwhile` : '';
      this.log(`history: writes work again after ${this.failures} failed attempts${dropped}`);
    }
    this.failures = 0;
    this.reported = false;
    this.dropped = 0;
  }

  summary(monitorId: string, window: HistoryWindow, now: number): WindowSummary {
    this.flushBeforeRead();
    return this.queries.summary(this.monitors.find(monitorId), window, now);
  }

  series(monitorId: string, window: HistoryWindow, now: number, maxPoints = 500): Series {
    this.flushBeforeRead();
    return this.queries.series(this.monitors.find(monitorId), window, now, maxPoints);
  }

  beats(monitorId: string, t: readonly number[], now: number): (number | null)[] {
    this.flushBeforeRead();
    return this.beatSeries.beats(this.monitors.find(monitorId), t, now);
  }

  stateChanges(
    monitorId: string | null,
    from: number,
    to: number,
    limit = DEFAULT_LIST_LIMIT,
  ): StateChange[] {
    return this.list(this.changeLists, monitorId, from, to, limit) as StateChange[];
  }

  alertEvents(monitorId: string | null, from: number, to: number, limit = DEFAULT_LIST_LIMIT): AlertEvent[] {
    return this.list(this.eventLists, monitorId, from, to, limit) as AlertEvent[];
  }

  recentSamples(monitorId: string, limit: number): StoredSample[] {
    this.flushBeforeRead();
    const monitor = this.monitors.find(monitorId);
    if (monitor === null || limit <= 0) return [];
    return this.selectRecent.all({ m: monitor, limit: Math.trunc(limit) }).map((r) => ({
      monitorId,
      time: r.t as number,
      status: statusFromCode(r.status as number),
      latencyMs: r.latency as number | null,
      httpStatus: r.http_status as number | null,
      value: r.value as number | null,
      error: r.error as string | null,
    }));
  }

  prune(now: number, retention: Retention): PruneResult {
    this.flush();
    this.writer.moveJournal();
    try {
      return pruneHistory(this.db, now, retention);
    } finally {
      this.errors.forget();
    }
  }

  sizeBytes(): number {
    this.flushBeforeRead();
    const count = this.db.prepare('PRAGMA page_count').get() as { page_count: number };
    const size = this.db.prepare('PRAGMA page_size').get() as { page_size: number };
    return count.page_count * size.page_size;
  }

  close(): void {
    if (this.closed) return;
    clearInterval(this.timer);
    try {
      this.flush();
      this.writer.moveJournal();
      this.writer.close();
    } finally {
      this.closed = true;
      if (this.ownsDb) closeDatabase(this.db);
    }
  }

  private list(
    lists: ListStatements,
    monitorId: string | null,
    from: number,
    to: number,
    limit: number,
  ): unknown[] {
    this.flushBeforeRead();
    const range = { from, to, limit: Math.max(0, Math.trunc(limit)) };
    if (monitorId === null) return lists.all.all(range).map((r) => ({ ...r }));
    const m = this.monitors.find(monitorId);
    return m === null ? [] : lists.one.all({ ...range, m }).map((r) => ({ ...r }));
  }

  /** Reads include everything added so far; a failing write is reported, not thrown at a reader. */
  private flushBeforeRead(): void {
    this.assertOpen();
    if (this.failures === 0) this.flushReportingErrors();
    if (this.failures > 0) return;
    try {
      this.writer.writeRollups();
    } catch (err) {
      this.report(err as Error);
    }
  }

  private flushIfFull(): void {
    if (this.failures > 0) return;
    if (this.samples.length + this.changes.length + this.events.length >= this.maxBuffered) {
      this.flushReportingErrors();
    }
  }

  /** Never throws: it runs from a timer, where a throw would end the process. */
  private flushReportingErrors(): void {
    try {
      this.flush();
    } catch (err) {
      if (this.reported) return;
      this.reported = true;
      this.report(err as Error);
    }
  }

  private report(err: Error): void {
    try {
      this.onError(err);
    } catch {
      // A broken error handler must not turn a failed write into a crash.
    }
  }

  private requeue(samples: StoredSample[], changes: StateChange[], events: AlertEvent[]): void {
    this.samples = samples.concat(this.samples);
    this.changes = changes.concat(this.changes);
    this.events = events.concat(this.events);
    const excess = this.samples.length - MAX_PENDING_SAMPLES;
    if (excess > 0) {
      this.samples.splice(0, excess);
      // Said once per row of failures; the total comes with the line saying writes work again.
      if (this.dropped === 0)
        this.report(new Error(`history: dropped ${excess} samples that could not be written`));
      this.dropped += excess;
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('history is closed');
  }
}

interface ListStatements {
  one: StatementSync;
  all: StatementSync;
}

function listStatements(db: DatabaseSync, select: string, alias: string): ListStatements {
  const where = (monitor: string) => `
    ${select} WHERE ${monitor} ${alias}.t >= :from AND ${alias}.t <= :to
    ORDER BY ${alias}.t DESC, ${alias}.id DESC LIMIT :limit`;
  return { one: db.prepare(where(`${alias}.monitor = :m AND`)), all: db.prepare(where('')) };
}
