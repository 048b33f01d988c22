import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { AlertEvent, StateChange } from '../../api/history-types.ts';
import type { StoredSample } from './history.ts';
import type { InternTable } from './intern-table.ts';
import { type RollupInput, RollupWriter } from './rollups.ts';
import { STATUS_CODE } from './stored-status.ts';
import { inTransaction } from './transaction.ts';

export interface Batch {
  samples: readonly StoredSample[];
  stateChanges: readonly StateChange[];
  alertEvents: readonly AlertEvent[];
}

/** Writes a batch (raw samples, their rollups, state changes, alert events) in one transaction. */
export class BatchWriter {
  private readonly db: DatabaseSync;
  private readonly monitors: InternTable;
  private readonly errors: InternTable;
  private readonly rollups: RollupWriter;
  private readonly insertSample: StatementSync;
  private readonly insertStateChange: StatementSync;
  private readonly insertAlertEvent: StatementSync;

  constructor(db: DatabaseSync, monitors: InternTable, errors: InternTable) {
    this.db = db;
    this.monitors = monitors;
    this.errors = errors;
    this.rollups = new RollupWriter(db);
    // A second sample with the same (monitor, time) is ignored, and so left out of the rollups too.
    this.insertSample = db.prepare(
      `INSERT INTO samples (monitor, t, status, latency, http_status, value, error)
       VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
    );
    this.insertStateChange = db.prepare(
      'INSERT INTO state_changes (monitor, t, from_state, to_state, reason) VALUES (?, ?, ?, ?, ?)',
    );
    this.insertAlertEvent = db.prepare(
      'INSERT INTO alert_events (monitor, rule_id, t, kind, severity, message) VALUES (?, ?, ?, ?, ?, ?)',
    );
  }

  write(batch: Batch): void {
    try {
      inTransaction(this.db, () => this.writeRows(batch));
    } catch (err) {
      // Ids handed out inside the rolled-back transaction no longer exist.
      this.monitors.forget();
      this.errors.forget();
      throw err;
    }
  }

  private writeRows(batch: Batch): void {
    const stored: RollupInput[] = [];
    for (const s of batch.samples) {
      const monitor = this.monitors.ensure(s.monitorId);
      const error = s.error === null ? null : this.errors.ensure(s.error);
      const { changes } = this.insertSample.run(
        monitor,
        s.time,
        STATUS_CODE[s.status],
        s.latencyMs,
        s.httpStatus,
        s.value,
        error,
      );
      if (changes > 0) {
        stored.push({ monitor, time: s.time, status: s.status, latencyMs: s.latencyMs, value: s.value });
      }
    }
    this.rollups.write(stored);
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
