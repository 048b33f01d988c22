import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { DeliveryRecord } from '../../api/delivery-types.ts';
import type { Notification } from '../../api/notification-types.ts';
import { inTransaction } from '../history/transaction.ts';
import type {
  AttemptLog,
  BrokenChannel,
  FinalState,
  HeadMessage,
  OutboxRecord,
  OutboxState,
} from './outbox-records.ts';
import type { RetryCounters } from './retry-schedule.ts';
import { parseNotification, titleOf } from './stored-notification.ts';

const DEFAULT_LIST_LIMIT = 100;
const STATE_SQL = `CASE WHEN o.state = 'pending' AND b.channel IS NOT NULL THEN 'broken' ELSE o.state END`;

/**
 * Every SQL statement of the outbox, over the history's connection (tables: history/migrations.ts).
 * A message's new state and its delivery-log row are always written in one transaction.
 */
export class OutboxStore {
  private readonly db: DatabaseSync;
  private readonly sql: ReturnType<typeof prepare>;

  constructor(db: DatabaseSync) {
    this.db = db;
    this.sql = prepare(db);
  }

  enqueue(channel: string, notification: Notification, now: number): number {
    const { lastInsertRowid } = this.sql.insert.run({
      channel,
      type: notification.type,
      title: titleOf(notification),
      payload: JSON.stringify(notification),
      createdAt: now,
    });
    return Number(lastInsertRowid);
  }

  head(channel: string): HeadMessage | undefined {
    const r = this.sql.head.get(channel);
    if (!r) return undefined;
    return {
      id: r.id as number,
      createdAt: r.created_at as number,
      attempts: r.attempts as number,
      backoffs: r.backoffs as number,
      waits: r.waits as number,
      nextAttemptAt: r.next_attempt_at as number | null,
      attemptStartedAt: r.attempt_started_at as number | null,
      content: parseNotification(r.payload as string),
    };
  }

  /** Committed before the notifier is asked, so a restart knows this attempt may have reached the channel. */
  startAttempt(id: number, now: number): void {
    this.sql.startAttempt.run({ id, now });
  }

  /** Logs an attempt that a stop or crash cut short (at the time it started); the message stays pending. */
  interrupted(channel: string, head: HeadMessage, log: AttemptLog): void {
    this.write(channel, head.id, log, head.attemptStartedAt ?? 0, () => this.sql.clearAttempt.run(head.id));
  }

  /** `attempted`: the notifier was asked (an expired or unreadable message never reaches it). */
  finish(
    channel: string,
    id: number,
    state: FinalState,
    log: AttemptLog,
    attempted: boolean,
    now: number,
  ): void {
    this.write(channel, id, log, now, () =>
      this.sql.finish.run({
        id,
        state,
        attempted: attempted ? 1 : 0,
        error: log.error,
        deliveredAt: state === 'delivered' ? now : null,
      }),
    );
  }

  retry(
    channel: string,
    id: number,
    log: AttemptLog,
    at: number,
    counters: RetryCounters,
    now: number,
  ): void {
    this.write(channel, id, log, now, () =>
      this.sql.retry.run({ id, at, backoffs: counters.backoffs, waits: counters.waits, error: log.error }),
    );
  }

  /** The message waits, uncounted against its retries; `broken` (when given) marks its channel too. */
  keepPending(channel: string, id: number, log: AttemptLog, now: number, broken: BrokenChannel | null): void {
    this.write(channel, id, log, now, () => {
      this.sql.keepPending.run({ id, error: log.error });
      if (broken) this.sql.markBroken.run({ ...broken });
    });
  }

  brokenChannels(): BrokenChannel[] {
    return this.sql.brokenChannels.all().map((r) => ({
      channel: r.channel as string,
      fingerprint: r.fingerprint as string,
      since: r.since as number,
      status: r.status as number,
      error: r.error as string,
      detail: r.detail as string | null,
    }));
  }

  unbreak(channel: string): void {
    this.sql.unbreak.run(channel);
  }

  /** Newest first. */
  messages(options: { limit?: number; channel?: string; state?: OutboxState } = {}): OutboxRecord[] {
    const rows = this.sql.messages.all({
      channel: options.channel ?? null,
      state: options.state ?? null,
      limit: listLimit(options.limit),
    });
    return rows.map((r) => ({
      id: r.id as number,
      channel: r.channel as string,
      type: r.type as Notification['type'],
      title: r.title as string,
      createdAt: r.created_at as number,
      state: r.state as OutboxState,
      attempts: r.attempts as number,
      nextAttemptAt: r.state === 'pending' ? (r.next_attempt_at as number | null) : null,
      lastError: r.last_error as string | null,
      deliveredAt: r.delivered_at as number | null,
    }));
  }

  /** Every attempt and drop, newest first: the delivery log. */
  deliveries(options: { limit?: number; channel?: string } = {}): DeliveryRecord[] {
    const rows = this.sql.deliveries.all({
      channel: options.channel ?? null,
      limit: listLimit(options.limit),
    });
    return rows.map((r) => ({
      id: r.id as number,
      outboxId: r.outbox_id as number,
      channel: r.channel as string,
      at: r.t as number,
      outcome: r.outcome as DeliveryRecord['outcome'],
      status: r.status as number | null,
      error: r.error as string | null,
      detail: r.detail as string | null,
      title: (r.title as string | null) ?? '',
    }));
  }

  pendingByChannel(): Map<string, number> {
    return new Map(this.sql.pendingByChannel.all().map((r) => [r.channel as string, r.pending as number]));
  }

  lastDeliveredAt(channel: string): number | null {
    return (this.sql.lastDelivered.get(channel)?.last as number | null | undefined) ?? null;
  }

  /** Deletes up to `limit` finished messages created before `cutoff`, with their log rows. */
  prune(cutoff: number, limit: number): void {
    inTransaction(this.db, () => {
      this.sql.pruneDeliveries.run({ cutoff, limit });
      this.sql.pruneMessages.run({ cutoff, limit });
    });
  }

  private write(channel: string, outboxId: number, log: AttemptLog, t: number, update: () => void): void {
    inTransaction(this.db, () => {
      update();
      this.sql.logDelivery.run({ outboxId, channel, t, ...log });
    });
  }
}

function prepare(db: DatabaseSync) {
  const s = (sql: string): StatementSync => db.prepare(sql);
  return {
    insert: s(`INSERT INTO outbox (channel, type, title, payload, created_at, state)
      VALUES (:channel, :type, :title, :payload, :createdAt, 'pending')`),
    head: s(`SELECT id, payload, created_at, attempts, backoffs, waits, next_attempt_at, attempt_started_at
      FROM outbox WHERE channel = ? AND state = 'pending' ORDER BY id LIMIT 1`),
    startAttempt: s('UPDATE outbox SET attempt_started_at = :now WHERE id = :id'),
    clearAttempt: s('UPDATE outbox SET attempt_started_at = NULL WHERE id = ?'),
    finish: s(`UPDATE outbox SET state = :state, attempts = attempts + :attempted, last_error = :error,
      delivered_at = :deliveredAt, next_attempt_at = NULL, attempt_started_at = NULL WHERE id = :id`),
    retry: s(`UPDATE outbox SET attempts = attempts + 1, backoffs = :backoffs, waits = :waits,
      next_attempt_at = :at, last_error = :error, attempt_started_at = NULL WHERE id = :id`),
    keepPending: s(`UPDATE outbox SET attempts = attempts + 1, next_attempt_at = NULL, last_error = :error,
      attempt_started_at = NULL WHERE id = :id`),
    logDelivery: s(`INSERT INTO outbox_deliveries (outbox_id, channel, t, outcome, status, error, detail)
      VALUES (:outboxId, :channel, :t, :outcome, :status, :error, :detail)`),
    brokenChannels: s(
      'SELECT channel, fingerprint, since, status, error, detail FROM outbox_broken_channels',
    ),
    markBroken:
      s(`INSERT OR REPLACE INTO outbox_broken_channels (channel, fingerprint, since, status, error, detail)
      VALUES (:channel, :fingerprint, :since, :status, :error, :detail)`),
    unbreak: s('DELETE FROM outbox_broken_channels WHERE channel = ?'),
    messages: s(`SELECT * FROM (
        SELECT o.id, o.channel, o.type, o.title, o.created_at, ${STATE_SQL} AS state, o.attempts,
          o.next_attempt_at, o.last_error, o.delivered_at
        FROM outbox o LEFT JOIN outbox_broken_channels b ON b.channel = o.channel
        WHERE (:channel IS NULL OR o.channel = :channel)
      ) WHERE :state IS NULL OR state = :state
      ORDER BY id DESC LIMIT :limit`),
    deliveries: s(`SELECT d.id, d.outbox_id, d.channel, d.t, d.outcome, d.status, d.error, d.detail, o.title
      FROM outbox_deliveries d LEFT JOIN outbox o ON o.id = d.outbox_id
      WHERE :channel IS NULL OR d.channel = :channel
      ORDER BY d.id DESC LIMIT :limit`),
    pendingByChannel: s(
      `SELECT channel, COUNT(*) AS pending FROM outbox WHERE state = 'pending' GROUP BY channel`,
    ),
    lastDelivered: s(
      'SELECT MAX(delivered_at) AS last FROM outbox WHERE channel = ? AND delivered_at IS NOT NULL',
    ),
    pruneDeliveries: s(`DELETE FROM outbox_deliveries WHERE outbox_id IN (
      SELECT id FROM outbox WHERE created_at < :cutoff AND state <> 'pending' ORDER BY id LIMIT :limit)`),
    pruneMessages: s(`DELETE FROM outbox WHERE id IN (
      SELECT id FROM outbox WHERE created_at < :cutoff AND state <> 'pending' ORDER BY id LIMIT :limit)`),
  };
}

function listLimit(limit: number | undefined): number {
  return limit === undefined ? DEFAULT_LIST_LIMIT : Math.max(0, Math.trunc(limit));
}
