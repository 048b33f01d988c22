import type { DatabaseSync } from 'node:sqlite';
import type { ChannelStatus, DeliveryRecord } from '../../api/delivery-types.ts';
import type { DeliveryResult, Notification } from '../../api/notification-types.ts';
import type { Clock, TimerHandle } from '../clock.ts';
import {
  type AfterSending,
  afterSending,
  type BeforeSending,
  beforeSending,
  interruptedAttempt,
} from './delivery-decision.ts';
import { errorText } from './error-text.ts';
import type { Notifier } from './notifier.ts';
import {
  type BrokenChannel,
  type HeadMessage,
  type OutboxRecord,
  type OutboxState,
  OutboxStore,
} from './outbox-store.ts';
import { DEFAULT_RETRY_SCHEDULE_MS } from './retry-schedule.ts';

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

interface Lane {
  sending: Promise<void> | null;
  abort: AbortController | null;
  timer: TimerHandle | null;
  wakeQueued: boolean;
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
  private readonly lanes = new Map<string, Lane>();
  private readonly broken = new Map<string, BrokenChannel>();
  private entries: ReadonlyMap<string, ChannelEntry>;
  private running = false;
  private lastPruneAt = Number.NEGATIVE_INFINITY;

  constructor(options: OutboxOptions) {
    this.store = new OutboxStore(options.db);
    this.clock = options.clock;
    this.random = options.random ?? Math.random;
    this.log = options.log ?? (() => {});
    this.isFiringOption = options.isFiring;
    this.onChange = options.onChange ?? (() => {});
    this.schedule = options.retryScheduleMs ?? DEFAULT_RETRY_SCHEDULE_MS;
    for (const b of this.store.brokenChannels()) this.broken.set(b.channel, b);
    this.entries = options.channels;
    this.unbreakChanged();
  }

  /** Stores the notification for `channel` (committed before any attempt) and wakes its sender. */
  enqueue(channel: string, notification: Notification): number {
    const now = this.clock.now();
    const id = this.store.enqueue(channel, notification, now);
    this.pruneNow(now);
    this.changed();
    this.wake(channel);
    return id;
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
    return this.store.messages(options);
  }

  /** Every attempt and drop, newest first: the delivery log. */
  deliveries(options: { limit?: number; channel?: string } = {}): DeliveryRecord[] {
    return this.store.deliveries(options);
  }

  /** Configured channels and any that still hold messages or are marked broken, by name. */
  channels(): ChannelStatus[] {
    const pending = this.store.pendingByChannel();
    const names = new Set([...this.entries.keys(), ...pending.keys(), ...this.broken.keys()]);
    return [...names].sort().map((channel) => {
      const b = this.broken.get(channel);
      return {
        channel,
        broken: b ? { since: b.since, status: b.status, error: b.error, detail: b.detail } : null,
        pending: pending.get(channel) ?? 0,
        lastDeliveredAt: this.store.lastDeliveredAt(channel),
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

  /** Starts the next step on `channel` if one is due, else sets a timer for when it will be. Never throws. */
  private pump(channel: string): void {
    if (!this.running) return;
    const lane = this.lane(channel);
    if (lane.sending) return;
    this.clearTimer(lane);
    const entry = this.entries.get(channel);
    if (!entry || this.broken.has(channel)) return;
    let head: HeadMessage | undefined;
    let step: BeforeSending;
    try {
      head = this.store.head(channel);
      if (!head) return;
      step = beforeSending({ head, channel, now: this.clock.now(), isFiring: (id) => this.isFiring(id) });
    } catch (err) {
      this.log(`outbox: cannot read the ${channel} queue: ${errorText(err)}`);
      this.later(channel, ERROR_PAUSE_MS);
      return;
    }
    if (step.action === 'wait') {
      this.later(channel, step.until - this.clock.now());
      return;
    }
    const abort = new AbortController();
    lane.abort = abort;
    lane.sending = this.run(channel, entry, head, step, abort.signal).then((ok) => {
      lane.sending = null;
      lane.abort = null;
      if (ok) this.pump(channel);
      else this.later(channel, ERROR_PAUSE_MS);
    });
  }

  /** Carries out one step on the head message. Never rejects: false when the store failed (the message stays queued). */
  private async run(
    channel: string,
    entry: ChannelEntry,
    head: HeadMessage,
    step: Step,
    signal: AbortSignal,
  ): Promise<boolean> {
    try {
      const cut = interruptedAttempt(head);
      if (cut) {
        this.store.interrupted(channel, head, cut);
        this.log(
          `outbox: message ${head.id} on ${channel} had an attempt that never finished; sending it again, possibly a duplicate`,
        );
        this.changed();
      }
      if (step.action !== 'send') {
        this.store.finish(
          channel,
          head.id,
          step.action === 'fail' ? 'failed' : 'expired',
          step.log,
          false,
          this.clock.now(),
        );
        this.log(
          `outbox: message ${head.id} on ${channel} ${step.action === 'fail' ? 'marked failed' : 'dropped'}: ${step.log.error}`,
        );
        this.changed();
        return true;
      }
      this.store.startAttempt(head.id, this.clock.now());
      const result = await this.send(channel, entry.notifier, step.notification, signal);
      // At least once, not exactly once: a crash after the channel accepted a message but before this
      // synchronous write leaves it pending (its attempt marked started), and it is sent again on restart.
      const now = this.clock.now();
      const decision = afterSending(head, result, now, this.schedule, this.random());
      if (signal.aborted && decision.action !== 'deliver') {
        this.log(`outbox: message ${head.id} on ${channel} interrupted by shutdown; it stays pending`);
        return true;
      }
      this.apply(channel, entry, head, decision, now);
      return true;
    } catch (err) {
      this.log(`outbox: sending on ${channel} failed: ${errorText(err)}; the message stays queued`);
      return false;
    }
  }

  private async send(
    channel: string,
    notifier: Notifier,
    notification: Notification,
    signal: AbortSignal,
  ): Promise<DeliveryResult> {
    try {
      return await notifier.send(notification, signal);
    } catch (err) {
      return {
        outcome: 'retry',
        status: null,
        error: `${channel} failed: ${errorText(err)}`,
        retryAfterMs: null,
      };
    }
  }

  private apply(channel: string, entry: ChannelEntry, head: HeadMessage, d: AfterSending, now: number): void {
    const { id } = head;
    switch (d.action) {
      case 'deliver':
        this.store.finish(channel, id, 'delivered', d.log, true, now);
        break;
      case 'reject':
        this.store.finish(channel, id, 'rejected', d.log, true, now);
        this.log(`outbox: ${channel} rejected message ${id}: ${d.log.error}`);
        break;
      case 'give-up':
        this.store.finish(channel, id, 'failed', d.log, true, now);
        this.log(
          `outbox: gave up on message ${id} on ${channel} after ${head.attempts + 1} attempts: ${d.log.error}`,
        );
        break;
      case 'retry':
        this.store.retry(channel, id, d.log, d.at, d.counters, now);
        this.log(
          `outbox: ${channel} will retry message ${id} in ${Math.ceil((d.at - now) / 1000)} s: ${d.log.error}`,
        );
        break;
      case 'break': {
        // The config may have changed while this attempt was in flight: then the new one gets its chance.
        const current = this.entries.get(channel);
        const broken =
          !current || current.fingerprint === entry.fingerprint
            ? { channel, fingerprint: entry.fingerprint, since: now, ...d.broken }
            : null;
        this.store.keepPending(channel, id, d.log, now, broken);
        if (broken) {
          this.broken.set(channel, broken);
          this.log(
            `outbox: channel ${channel} is broken (${d.log.error}); its messages wait until its settings change`,
          );
        }
        break;
      }
    }
    this.changed();
  }

  private unbreakChanged(): boolean {
    let any = false;
    for (const [channel, broken] of this.broken) {
      const entry = this.entries.get(channel);
      if (!entry || entry.fingerprint === broken.fingerprint) continue;
      // Unbroken here even if the write fails: at the next start the stored fingerprint differs again.
      this.broken.delete(channel);
      try {
        this.store.unbreak(channel);
      } catch (err) {
        this.log(`outbox: cannot clear the broken mark of ${channel}: ${errorText(err)}`);
      }
      this.log(`outbox: channel ${channel} has new settings; sending its waiting messages`);
      any = true;
    }
    return any;
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
