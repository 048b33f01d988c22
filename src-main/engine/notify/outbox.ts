import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { ChannelStatus, DeliveryRecord } from '../../api/delivery-types.ts';
import type { DeliveryResult, Notification } from '../../api/notification-types.ts';
import type { Clock, TimerHandle } from '../clock.ts';
import { inTransaction } from '../history/transaction.ts';
import { notificationTitle } from './notification-title.ts';
import type { Notifier } from './notifier.ts';
import { DEFAULT_RETRY_SCHEDULE_MS, nextRetry } from './retry-schedule.ts';

/** `broken`: still pending, on a channel marked broken; it goes out once the channel's config changes. */
export type OutboxState = 'pending' | 'delivered' | 'rejected' | 'broken' | 'failed' | 'expired';

export interface OutboxRecord {
  id: number;
  channel: string;
  type: Notification['type'];
  /** Short human summary: "Balance low: Solver", "3 monitors critical: A, B, C". */
  title: string;
  createdAt: number;
  state: OutboxState;
  attempts: number;
  nextAttemptAt: number | null;
  lastError: string | null;
  deliveredAt: number | null;
}

export interface ChannelEntry {
  notifier: Notifier;
  /** Changes when the channel's config changes; a broken channel is retried only after that. */
  fingerprint: string;
}

export interface OutboxOptions {
  /** Shared with the history store; the outbox keeps its tables in the same file. */
  db: DatabaseSync;
  clock: Clock;
  channels: ReadonlyMap<string, ChannelEntry>;
  /** 0 ≤ x < 1, for backoff jitter. */
  random?: () => number;
  log?: (line: string) => void;
  /** A reason to drop instead of send, e.g. a reminder whose alert resolved meanwhile; checked before every attempt. */
  expiry?: (notification: Notification, channel: string, createdAt: number) => string | null;
  /** Something in the outbox changed (a message queued, delivered, failed; a channel broke or was fixed). */
  onChange?: () => void;
  /** Backoff delays after `retry` answers without a server-given wait; one try more than delays. */
  retryScheduleMs?: readonly number[];
}

interface Lane {
  sending: Promise<void> | null;
  abort: AbortController | null;
  timer: TimerHandle | null;
  wakeQueued: boolean;
}

interface HeadRow {
  id: number;
  payload: string;
  created_at: number;
  attempts: number;
  backoffs: number;
  waits: number;
  next_attempt_at: number | null;
}

type Broken = NonNullable<ChannelStatus['broken']> & { fingerprint: string };

type Attempt = Omit<DeliveryRecord, 'id' | 'outboxId' | 'channel' | 'at' | 'title'>;

const DAY = 86_400_000;
const KEEP_FINISHED_MS = 30 * DAY;
const PRUNE_EVERY_MS = 3_600_000;
const PRUNE_BATCH = 1000;
/** After an unexpected error (e.g. the database is locked), a channel waits this long before trying again. */
const ERROR_PAUSE_MS = 30_000;
const DEFAULT_LIST_LIMIT = 100;

const STATE_SQL = `CASE WHEN o.state = 'pending' AND b.channel IS NOT NULL THEN 'broken' ELSE o.state END`;

/**
 * Notifications written to SQLite before any attempt and sent from there: per channel strictly in
 * order and one at a time, retried by the rules of retry-schedule.ts, each attempt logged in the
 * same transaction as the message's new state. A broken channel (401/403/404) keeps its messages
 * until its config changes.
 */
export class Outbox {
  private readonly db: DatabaseSync;
  private readonly clock: Clock;
  private readonly random: () => number;
  private readonly log: (line: string) => void;
  private readonly expiry: OutboxOptions['expiry'];
  private readonly onChange: () => void;
  private readonly schedule: readonly number[];
  private readonly sql: ReturnType<typeof prepare>;
  private readonly lanes = new Map<string, Lane>();
  private readonly broken = new Map<string, Broken>();
  private entries: ReadonlyMap<string, ChannelEntry>;
  private running = false;
  private lastPruneAt = Number.NEGATIVE_INFINITY;

  constructor(options: OutboxOptions) {
    this.db = options.db;
    this.clock = options.clock;
    this.random = options.random ?? Math.random;
    this.log = options.log ?? (() => {});
    this.expiry = options.expiry;
    this.onChange = options.onChange ?? (() => {});
    this.schedule = options.retryScheduleMs ?? DEFAULT_RETRY_SCHEDULE_MS;
    this.sql = prepare(this.db);
    for (const row of this.sql.brokenChannels.all()) {
      this.broken.set(row.channel as string, {
        fingerprint: row.fingerprint as string,
        since: row.since as number,
        status: row.status as number,
        error: row.error as string,
        detail: row.detail as string | null,
      });
    }
    this.entries = options.channels;
    this.unbreakChanged();
  }

  /** Stores the notification for `channel` (committed before any attempt) and wakes its sender. */
  enqueue(channel: string, notification: Notification): number {
    const now = this.clock.now();
    const { lastInsertRowid } = this.sql.insert.run({
      channel,
      type: notification.type,
      title: titleOf(notification),
      payload: JSON.stringify(notification),
      createdAt: now,
    });
    this.pruneNow(now);
    this.changed();
    this.wake(channel);
    return Number(lastInsertRowid);
  }

  /** A channel whose fingerprint changed is no longer broken; a removed channel's messages wait for it. */
  setChannels(channels: ReadonlyMap<string, ChannelEntry>): void {
    this.entries = channels;
    if (this.unbreakChanged()) this.changed();
    for (const channel of new Set([...channels.keys(), ...this.lanes.keys()])) this.wake(channel);
  }

  /** Sends whatever is pending, including what an earlier run left behind. */
  start(): void {
    if (this.running) return;
    this.running = true;
    for (const channel of this.entries.keys()) this.pump(channel);
  }

  /** Aborts sends in flight (their messages stay pending) and clears timers. */
  async stop(): Promise<void> {
    this.running = false;
    const sending: Promise<void>[] = [];
    for (const lane of this.lanes.values()) {
      this.clearTimer(lane);
      lane.abort?.abort();
      if (lane.sending) sending.push(lane.sending);
    }
    await Promise.all(sending);
  }

  /** Resolves once nothing can be sent right now: every channel is empty, waiting for a retry time, or broken. */
  async idle(): Promise<void> {
    for (;;) {
      for (const channel of this.entries.keys()) this.pump(channel);
      const sending = [...this.lanes.values()].flatMap((l) => (l.sending ? [l.sending] : []));
      if (sending.length === 0) return;
      await Promise.all(sending);
    }
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

  /** Configured channels and any that still hold messages or are marked broken, by name. */
  channels(): ChannelStatus[] {
    const pending = new Map(
      this.sql.pendingByChannel.all().map((r) => [r.channel as string, r.pending as number] as const),
    );
    const names = new Set([...this.entries.keys(), ...pending.keys(), ...this.broken.keys()]);
    return [...names].sort().map((channel) => {
      const broken = this.broken.get(channel);
      const last = this.sql.lastDelivered.get(channel) as { last: number | null } | undefined;
      return {
        channel,
        broken: broken
          ? { since: broken.since, status: broken.status, error: broken.error, detail: broken.detail }
          : null,
        pending: pending.get(channel) ?? 0,
        lastDeliveredAt: last?.last ?? null,
      };
    });
  }

  /** Sends later in this turn, so an enqueue inside a caller's transaction never writes from its stack. */
  private wake(channel: string): void {
    const lane = this.lane(channel);
    if (lane.wakeQueued) return;
    lane.wakeQueued = true;
    queueMicrotask(() => {
      lane.wakeQueued = false;
      this.pump(channel);
    });
  }

  /** Starts the next attempt on `channel` if one is due, else sets a timer for when it will be. */
  private pump(channel: string): void {
    if (!this.running) return;
    const lane = this.lane(channel);
    if (lane.sending) return;
    this.clearTimer(lane);
    const entry = this.entries.get(channel);
    if (!entry || this.broken.has(channel)) return;
    let head: HeadRow | undefined;
    try {
      head = this.sql.head.get(channel) as HeadRow | undefined;
    } catch (err) {
      this.log(`outbox: cannot read the ${channel} queue: ${errorText(err)}`);
      this.later(channel, ERROR_PAUSE_MS);
      return;
    }
    if (!head) return;
    const wait = (head.next_attempt_at ?? 0) - this.clock.now();
    if (wait > 0) {
      this.later(channel, wait);
      return;
    }
    const abort = new AbortController();
    lane.abort = abort;
    lane.sending = this.attempt(channel, entry, head, abort.signal).then(
      () => {
        lane.sending = null;
        lane.abort = null;
        this.pump(channel);
      },
      (err: unknown) => {
        lane.sending = null;
        lane.abort = null;
        this.log(`outbox: sending on ${channel} failed: ${errorText(err)}`);
        this.later(channel, ERROR_PAUSE_MS);
      },
    );
  }

  private async attempt(
    channel: string,
    entry: ChannelEntry,
    head: HeadRow,
    signal: AbortSignal,
  ): Promise<void> {
    const notification = parseNotification(head.payload);
    if (typeof notification === 'string') {
      const attempt = { outcome: 'gave-up', status: null, error: notification, detail: null } as const;
      this.finish(channel, head, 'failed', attempt, false);
      this.log(`outbox: message ${head.id} on ${channel} marked failed: ${notification}`);
      return;
    }
    const reason = this.expiryReason(notification, channel, head.created_at);
    if (reason !== null) {
      this.finish(
        channel,
        head,
        'expired',
        { outcome: 'expired', status: null, error: reason, detail: null },
        false,
      );
      this.log(`outbox: message ${head.id} on ${channel} dropped: ${reason}`);
      return;
    }
    let result: DeliveryResult;
    try {
      result = await entry.notifier.send(notification, signal);
    } catch (err) {
      result = {
        outcome: 'retry',
        status: null,
        error: `${channel} failed: ${errorText(err)}`,
        retryAfterMs: null,
      };
    }
    // At least once, not exactly once: a crash after the remote accepted a message but before this
    // synchronous write leaves it pending, and it is sent again on restart. This is the only window.
    if (result.outcome === 'delivered') {
      const attempt = { outcome: 'delivered', status: result.status, error: null, detail: null } as const;
      this.finish(channel, head, 'delivered', attempt, true);
    } else if (signal.aborted) {
      this.log(`outbox: message ${head.id} on ${channel} interrupted by shutdown; it stays pending`);
    } else {
      this.settle(channel, entry, head, result);
    }
  }

  private settle(channel: string, entry: ChannelEntry, head: HeadRow, result: DeliveryResult): void {
    if (result.outcome === 'delivered') return;
    const attempt = {
      outcome: result.outcome,
      status: result.status,
      error: result.error,
      detail: result.outcome === 'retry' ? null : result.detail,
    };
    if (result.outcome === 'rejected') {
      this.finish(channel, head, 'rejected', attempt, true);
      this.log(`outbox: ${channel} rejected message ${head.id}: ${result.error}`);
      return;
    }
    if (result.outcome === 'broken') {
      this.markBroken(channel, entry, head, result, attempt);
      return;
    }
    const plan = nextRetry(result.retryAfterMs, head, this.schedule, this.random);
    if (!plan) {
      this.finish(channel, head, 'failed', { ...attempt, outcome: 'gave-up' }, true);
      this.log(
        `outbox: gave up on message ${head.id} on ${channel} after ${head.attempts + 1} attempts: ${result.error}`,
      );
      return;
    }
    const now = this.clock.now();
    this.write(channel, head, attempt, now, () =>
      this.sql.retry.run({
        id: head.id,
        at: now + plan.delayMs,
        backoffs: plan.counters.backoffs,
        waits: plan.counters.waits,
        error: result.error,
      }),
    );
    this.changed();
    this.log(
      `outbox: ${channel} will retry message ${head.id} in ${Math.ceil(plan.delayMs / 1000)} s: ${result.error}`,
    );
  }

  private markBroken(
    channel: string,
    entry: ChannelEntry,
    head: HeadRow,
    result: Extract<DeliveryResult, { outcome: 'broken' }>,
    attempt: Attempt,
  ): void {
    const now = this.clock.now();
    // The config may have changed while this attempt was in flight: then the new one gets its chance.
    const current = this.entries.get(channel);
    const stillThisConfig = !current || current.fingerprint === entry.fingerprint;
    const broken: Broken = {
      fingerprint: entry.fingerprint,
      since: now,
      status: result.status,
      error: result.error,
      detail: result.detail,
    };
    this.write(channel, head, attempt, now, () => {
      this.sql.keepPending.run({ id: head.id, error: result.error });
      if (stillThisConfig) this.sql.markBroken.run({ channel, ...broken });
    });
    if (stillThisConfig) {
      this.broken.set(channel, broken);
      this.log(
        `outbox: channel ${channel} is broken (${result.error}); its messages wait until its settings change`,
      );
    }
    this.changed();
  }

  /** `attempted`: the notifier was asked (an expired or unreadable message never reaches it). */
  private finish(
    channel: string,
    head: HeadRow,
    state: 'delivered' | 'rejected' | 'failed' | 'expired',
    attempt: Attempt,
    attempted: boolean,
  ): void {
    const now = this.clock.now();
    this.write(channel, head, attempt, now, () =>
      this.sql.finish.run({
        id: head.id,
        state,
        attempted: attempted ? 1 : 0,
        error: attempt.error,
        deliveredAt: state === 'delivered' ? now : null,
      }),
    );
    this.changed();
  }

  /** The message's new state and its delivery-log row, in one transaction. */
  private write(channel: string, head: HeadRow, attempt: Attempt, now: number, update: () => void): void {
    inTransaction(this.db, () => {
      update();
      this.sql.logDelivery.run({ outboxId: head.id, channel, t: now, ...attempt });
    });
  }

  private unbreakChanged(): boolean {
    let any = false;
    for (const [channel, broken] of this.broken) {
      const entry = this.entries.get(channel);
      if (!entry || entry.fingerprint === broken.fingerprint) continue;
      this.sql.unbreak.run(channel);
      this.broken.delete(channel);
      this.log(`outbox: channel ${channel} has new settings; sending its waiting messages`);
      any = true;
    }
    return any;
  }

  private expiryReason(notification: Notification, channel: string, createdAt: number): string | null {
    if (!this.expiry) return null;
    try {
      return this.expiry(notification, channel, createdAt);
    } catch (err) {
      this.log(`outbox: expiry check failed, sending anyway: ${errorText(err)}`);
      return null;
    }
  }

  /** Finished messages older than 30 days go, a batch at a time, at most once an hour. */
  private pruneNow(now: number): void {
    if (now - this.lastPruneAt < PRUNE_EVERY_MS) return;
    this.lastPruneAt = now;
    try {
      inTransaction(this.db, () => {
        const params = { cutoff: now - KEEP_FINISHED_MS, limit: PRUNE_BATCH };
        this.sql.pruneDeliveries.run(params);
        this.sql.pruneMessages.run(params);
      });
    } catch (err) {
      this.log(`outbox: pruning old messages failed: ${errorText(err)}`);
    }
  }

  private later(channel: string, ms: number): void {
    if (!this.running) return;
    const lane = this.lane(channel);
    this.clearTimer(lane);
    lane.timer = this.clock.setTimeout(() => {
      lane.timer = null;
      this.pump(channel);
    }, ms);
  }

  private clearTimer(lane: Lane): void {
    if (lane.timer) this.clock.clearTimeout(lane.timer);
    lane.timer = null;
  }

  private lane(channel: string): Lane {
    let lane = this.lanes.get(channel);
    if (!lane) {
      lane = { sending: null, abort: null, timer: null, wakeQueued: false };
      this.lanes.set(channel, lane);
    }
    return lane;
  }

  private changed(): void {
    try {
      this.onChange();
    } catch (err) {
      this.log(`outbox: change listener failed: ${errorText(err)}`);
    }
  }
}

function prepare(db: DatabaseSync) {
  const s = (sql: string): StatementSync => db.prepare(sql);
  return {
    insert: s(`INSERT INTO outbox (channel, type, title, payload, created_at, state)
      VALUES (:channel, :type, :title, :payload, :createdAt, 'pending')`),
    head: s(`SELECT id, payload, created_at, attempts, backoffs, waits, next_attempt_at FROM outbox
      WHERE channel = ? AND state = 'pending' ORDER BY id LIMIT 1`),
    finish: s(`UPDATE outbox SET state = :state, attempts = attempts + :attempted, last_error = :error,
      delivered_at = :deliveredAt, next_attempt_at = NULL WHERE id = :id`),
    retry: s(`UPDATE outbox SET attempts = attempts + 1, backoffs = :backoffs, waits = :waits,
      next_attempt_at = :at, last_error = :error WHERE id = :id`),
    keepPending: s(`UPDATE outbox SET attempts = attempts + 1, next_attempt_at = NULL, last_error = :error
      WHERE id = :id`),
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

function titleOf(notification: Notification): string {
  try {
    return notificationTitle(notification);
  } catch {
    return notification.type === 'summary' ? 'Daily summary' : 'Alert';
  }
}

/** The stored notification, or why it cannot be used. */
function parseNotification(payload: string): Notification | string {
  let value: unknown;
  try {
    value = JSON.parse(payload);
  } catch (err) {
    return `the stored notification is not valid JSON (${errorText(err)})`;
  }
  const v = value as Partial<Record<string, unknown>> | null;
  const ok =
    v !== null &&
    typeof v === 'object' &&
    ((v.type === 'alerts' && Array.isArray(v.notices)) ||
      (v.type === 'summary' && typeof v.summary === 'object' && v.summary !== null));
  return ok ? (value as Notification) : 'the stored notification is not an alerts or summary notification';
}

function listLimit(limit: number | undefined): number {
  return limit === undefined ? DEFAULT_LIST_LIMIT : Math.max(0, Math.trunc(limit));
}

/** A thrown error's message with any URL masked: notifiers redact their answers, not what they throw. */
function errorText(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.replace(/\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>]+/gi, '<url>');
}
