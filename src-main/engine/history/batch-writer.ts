import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { AlertEvent, StateChange } from '../../api/history-types.ts';
import type { InternTable } from './intern-table.ts';
import { type JournalRow, SampleJournal } from './sample-journal.ts';
import type { StoredSample } from './stored-sample.ts';
import { STATUS_CODE } from './stored-status.ts';
import { inTransaction } from './transaction.ts';

export interface Batch {
  samples: readonly StoredSample[];
  stateChanges: readonly StateChange[];
  alertEvents: readonly AlertEvent[];
}

/** Writes a batch (raw samples and their rollups, state changes, alert events) in one transaction. */
export class BatchWriter {
  private readonly db: DatabaseSync;
  private readonly monitors: InternTable;
  private readonly errors: InternTable;
  private readonly journal: SampleJournal;
  private readonly insertStateChange: StatementSync;
  private readonly insertAlertEvent: StatementSync;

  constructor(db: DatabaseSync, monitors: InternTable, errors: InternTable) {
    this.db = db;
    this.monitors = monitors;
    this.errors = errors;
    this.journal = new SampleJournal(db);
    this.insertStateChange = db.prepare(
      'INSERT INTO state_changes (monitor, t, from_state, to_state, reason) VALUES (?, ?, ?, ?, ?)',
    );
    this.insertAlertEvent = db.prepare(
      'INSERT INTO alert_events (monitor, rule_id, t, kind, severity, message) VALUES (?, ?, ?, ?, ?, ?)',
    );
  }

  write(batch: Batch): void {
    this.transaction(() => {
      this.writeRows(batch);
      if (this.journal.due) this.journal.move();
    });
  }

  /** Makes the rollup sums kept in memory visible to queries (before a read). */
  writeRollups(): void {
    if (this.journal.rollupsWaiting) this.transaction(() => this.journal.writeRollups());
  }

  /** Moves the samples journal into the tables ordered by monitor (before a prune, at close). */
  moveJournal(): void {
    this.transaction(() => this.journal.move());
  }

  /** Stores what a crash left in the samples journal. */
  recoverJournal(): void {
    this.transaction(() => {
      this.journal.recover();
      this.journal.move();
    });
  }

  /** Forgets the memory tables, once everything is stored. */
  close(): void {
    this.journal.drop();
  }

  private transaction(fn: () => void): void {
    try {
      inTransaction(this.db, fn);
      this.journal.committed();
    } catch (err) {
      this.journal.rolledBack();
      // Ids handed out inside the rolled-back transaction no longer exist.
      this.monitors.forget();
      this.errors.forget();
      throw err;
    }
  }

  private writeRows(batch: Batch): void {
    const rows: JournalRow[] = batch.samples.map((s) => ({
      monitor: this.monitors.ensure(s.monitorId),
      t: s.time,
      status: STATUS_CODE[s.status],
      latency: s.latencyMs,
      httpStatus: s.httpStatus,
      value: s.value,
      error: s.error === null ? null : this.errors.ensure(s.error),
    }));
    this.journal.add(rows);
    for (const c of batch.stateChanges) {
      this.insertStateChange.run(this.monitors.ensure(c.monitorId), c.time, c.from, c.to, c.reason);
    }
    for (const e of batch.alertEvents) {
      this.insertAlertEvent.run(
        this.monitors.ensure(e.monitorId),
        e.ruleId,
        e.time,
        e.kind,
        e.severity,
        e.message,
      );
    }
  }
}
