import type { DatabaseSync } from 'node:sqlite';
import type { ChannelStatus, DeliveryRecord } from '../../api/delivery-types.ts';
import type { Notification } from '../../api/notification-types.ts';
import type { Clock } from '../clock.ts';
import { BrokenChannels } from './broken-channels.ts';
import {
  type AfterSending,
  afterSending,
  type BeforeSending,
  beforeSending,
  interruptedAttempt,
} from './delivery-decision.ts';
import { errorText } from './error-text.ts';
import { type Notifier, sendOrRetry } from './notifier.ts';
import type { HeadMessage, OutboxRecord, OutboxState } from './outbox-records.ts';
import { OutboxStore } from './outbox-store.ts';
import { DEFAULT_RETRY_SCHEDULE_MS } from './retry-schedule.ts';
import { type LaneStep, SendLanes } from './send-lanes.ts';

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
  /** Whether a monitor's alert still fires: a queued reminder of a resolved alert is dropped. */
  isFiring: (monitorId: string) => boolean;
  /** 0 ≤ x < 1, for backoff jitter. */
  random?: () => number;
  log?: (line: string) => void;
  /** Something in the outbox changed (a message queued, delivered, failed; a channel broke or was fixed). */
  onChange?: () => void;
  /** Backoff delays after `retry` answers without a server-given wait; one try more than delays. */
  retryScheduleMs?: readonly number[];
}

type Step = Exclude<BeforeSending, { action: 'wait' }>;

const KEEP_FINISHED_MS = 30 * 86_400_000;
const PRUNE_EVERY_MS = 3_600_000;
const PRUNE_BATCH = 1000;
/** After an unexpected error (e.g. the database is locked), a channel waits this long before trying again. */
const ERROR_PAUSE_MS = 30_000;

/**
 * Notifications written to SQLite before any attempt and sent from there: per channel strictly in
 * order and one at a time. What to do with a message is delivery-decision.ts's call; this class
 * only runs the lanes and applies each decision through the store. A broken channel (401/403/404)
 * keeps its messages until its config changes.
 */
export class Outbox {
  private readonly store: OutboxStore;
  private readonly clock: Clock;
  private readonly random: () => number;
  private readonly log: (line: string) => void;
  private readonly isFiringOption: (monitorId: string) => boolean;
  private readonly onChange: () => void;
  private readonly schedule: readonly number[];
  private readonly lanes: SendLanes;
  private readonly broken: BrokenChannels;
  private entries: ReadonlyMap<string, ChannelEntry>;
  private lastPruneAt = Number.NEGATIVE_INFINITY;

  constructor(options: OutboxOptions) {
    this.store = new OutboxStore(options.db);
    this.clock = options.clock;
    this.random = options.random ?? Math.random;
    this.log = options.log ?? (() => {});
    this.isFiringOption = options.isFiring;
    this.onChange = options.onChange ?? (() => {});
    this.schedule = options.retryScheduleMs ?? DEFAULT_RETRY_SCHEDULE_MS;
    this.broken = new BrokenChannels(this.store, this.log);
    this.entries = options.channels;
    this.broken.unbreakChanged(this.entries);
    this.lanes = new SendLanes({
      clock: this.clock,
      channels: () => this.entries.keys(),
      next: (channel) => this.next(channel),
      pauseMs: ERROR_PAUSE_MS,
    });
  }

  /** Stores the notification for `channel` (committed before any attempt) and wakes its sender. */
  enqueue(channel: string, notification: Notification): number {
    const now = this.clock.now();
    const id = this.store.enqueue(channel, notification, now);
    this.pruneNow(now);
    this.changed();
    this.lanes.wake(channel);
    return id;
  }

  /** A channel whose fingerprint changed is no longer broken; a removed channel's messages wait for it. */
  setChannels(channels: ReadonlyMap<string, ChannelEntry>): void {
    this.entries = channels;
    if (this.broken.unbreakChanged(channels)) this.changed();
    for (const channel of new Set([...channels.keys(), ...this.lanes.known()])) this.lanes.wake(channel);
  }

  /** Sends whatever is pending, including what an earlier run left behind. */
  start(): void {
    this.lanes.start();
  }

  /** Aborts sends in flight (their messages stay pending) and clears timers. */
  stop(): Promise<void> {
    return this.lanes.stop();
  }

  /** Resolves once nothing can be sent right now: every channel is empty, waiting for a retry time, or broken. */
  idle(): Promise<void> {
    return this.lanes.idle();
  }

  /** Newest first. */
  messages(options: { limit?: number; channel?: string; state?: OutboxState } = {}): OutboxRecord[] {
    return this.store.messages(options);
  }

  /** Every attempt and drop, newest first: the delivery log. */
  deliveries(options: { limit?: number; channel?: string } = {}): DeliveryRecord[] {
    return this.store.deliveries(options);
  }

  /** Configured channels and any that still hold messages or are marked broken, by name. */
  channels(): ChannelStatus[] {
    const pending = this.store.pendingByChannel();
    const names = new Set([...this.entries.keys(), ...pending.keys(), ...this.broken.names()]);
    return [...names].sort().map((channel) => ({
      channel,
      broken: this.broken.status(channel),
      pending: pending.get(channel) ?? 0,
      lastDeliveredAt: this.store.lastDeliveredAt(channel),
    }));
  }

  /** The head message's next step, as delivery-decision.ts decides it. Never throws. */
  private next(channel: string): LaneStep {
    const entry = this.entries.get(channel);
    if (!entry || this.broken.has(channel)) return null;
    try {
      const head = this.store.head(channel);
      if (!head) return null;
      const now = this.clock.now();
      const step = beforeSending({ head, channel, now, isFiring: (id) => this.isFiring(id) });
      if (step.action === 'wait') return { waitMs: step.until - now };
      return { run: (signal) => this.run(channel, entry, head, step, signal) };
    } catch (err) {
      this.log(`outbox: cannot read the ${channel} queue: ${errorText(err)}`);
      return { waitMs: ERROR_PAUSE_MS };
    }
  }

  /** Carries out one step on the head message. Never rejects: a failed write pauses the channel, the message stays queued. */
  private async run(
    channel: string,
    entry: ChannelEntry,
    head: HeadMessage,
    step: Step,
    signal: AbortSignal,
  ): Promise<'next' | 'pause'> {
    try {
      const cut = interruptedAttempt(head);
      if (cut) {
        this.store.interrupted(channel, head, cut);
        this.note(
          `message ${head.id} on ${channel} was cut short before; sending it again, possibly a duplicate`,
        );
      }
      if (step.action !== 'send') {
        const state = step.action === 'fail' ? 'failed' : 'expired';
        this.store.finish(channel, head.id, state, step.log, false, this.clock.now());
        this.note(
          `message ${head.id} on ${channel} ${state === 'failed' ? 'marked failed' : 'dropped'}: ${step.log.error}`,
        );
        return 'next';
      }
      this.store.startAttempt(head.id, this.clock.now());
      const result = await sendOrRetry(entry.notifier, step.notification, signal);
      // At least once, not exactly once: a crash after the channel accepted a message but before this
      // synchronous write leaves it pending with its attempt marked started, and a restart sends it again.
      const now = this.clock.now();
      const decision = afterSending(head, result, now, this.schedule, this.random());
      if (signal.aborted && decision.action !== 'deliver') {
        this.log(`outbox: message ${head.id} on ${channel} interrupted by shutdown; it stays pending`);
        return 'next';
      }
      this.note(this.apply(channel, entry, head, decision, now));
      return 'next';
    } catch (err) {
      this.log(`outbox: sending on ${channel} failed: ${errorText(err)}; the message stays queued`);
      return 'pause';
    }
  }

  /** Stores the decision; returns the line to log, if any. */
  private apply(
    channel: string,
    entry: ChannelEntry,
    head: HeadMessage,
    d: AfterSending,
    now: number,
  ): string | null {
    const { id } = head;
    const error = d.log.error;
    switch (d.action) {
      case 'deliver':
        this.store.finish(channel, id, 'delivered', d.log, true, now);
        return null;
      case 'reject':
        this.store.finish(channel, id, 'rejected', d.log, true, now);
        return `${channel} rejected message ${id}: ${error}`;
      case 'give-up':
        this.store.finish(channel, id, 'failed', d.log, true, now);
        return `gave up on message ${id} on ${channel} after ${head.attempts + 1} attempts: ${error}`;
      case 'retry':
        this.store.retry(channel, id, d.log, d.at, d.counters, now);
        return `${channel} will retry message ${id} in ${Math.ceil((d.at - now) / 1000)} s: ${error}`;
      case 'break': {
        // The config may have changed while this attempt was in flight: then the new one gets its chance.
        const current = this.entries.get(channel)?.fingerprint;
        const { fingerprint } = entry;
        const mark =
          current === undefined || current === fingerprint
            ? { channel, fingerprint, since: now, ...d.broken }
            : null;
        this.store.keepPending(channel, id, d.log, now, mark);
        if (mark) this.broken.add(mark);
        return null;
      }
    }
  }

  /** A failing check counts as firing: better a reminder too many than a dropped one. */
  private isFiring(monitorId: string): boolean {
    try {
      return this.isFiringOption(monitorId);
    } catch (err) {
      this.log(`outbox: expiry check failed, sending anyway: ${errorText(err)}`);
      return true;
    }
  }

  /** Finished messages older than 30 days go, a batch at a time, at most once an hour. */
  private pruneNow(now: number): void {
    if (now - this.lastPruneAt < PRUNE_EVERY_MS) return;
    this.lastPruneAt = now;
    try {
      this.store.prune(now - KEEP_FINISHED_MS, PRUNE_BATCH);
    } catch (err) {
      this.log(`outbox: pruning old messages failed: ${errorText(err)}`);
    }
  }

  /** After a change was stored: logs `line` (when given) and tells the listener. */
  private note(line: string | null): void {
    if (line) this.log(`outbox: ${line}`);
    this.changed();
  }

  private changed(): void {
    try {
      this.onChange();
    } catch (err) {
      this.log(`outbox: change listener failed: ${errorText(err)}`);
    }
  }
}
