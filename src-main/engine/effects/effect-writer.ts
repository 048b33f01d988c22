import { randomUUID } from 'node:crypto';
import type { EngineEvent } from '../../api/contract.ts';
import type { StateChange } from '../../api/history-types.ts';
import type { AlertNotice, Notification } from '../../api/notification-types.ts';
import type { AlertOutcome } from '../alerts/alerting.ts';
import type { Clock, TimerHandle } from '../clock.ts';
import type { Listeners } from '../events/listeners.ts';
import type { History } from '../history/history.ts';
import type { MonitorStep } from '../monitors/monitor-step.ts';
import { addNotice, emptyGroup, type NoticeGroup } from '../notify/notice-group.ts';
import type { Outbox } from '../notify/outbox.ts';
import { type ChannelRoutes, channelsFor, routeNotices, type ToldChannels } from '../notify/routing.ts';

export interface EffectWriterOptions {
  history: History;
  outbox: Pick<Outbox, 'enqueue'>;
  clock: Clock;
  events: Listeners<EngineEvent>;
  log: (line: string) => void;
  groupWindowMs: () => number;
  channels: () => Iterable<string>;
  /** Each channel's `minSeverity` and `monitors`; absent, every channel hears every alert. */
  routes?: () => ChannelRoutes;
}

/** After a failed history write, grouped notices wait this long before the next try. */
const RETRY_FLUSH_MS = 5000;

/**
 * The one writer: everything the engine's decisions produce reaches the history, the outbox and the
 * event stream through here, in the order that keeps a crash from repeating or losing an alert.
 */
export class EffectWriter {
  private group: NoticeGroup = emptyGroup;
  private timer: TimerHandle | null = null;
  private told: ToldChannels = new Map();

  private readonly o: EffectWriterOptions;

  constructor(o: EffectWriterOptions) {
    this.o = o;
  }

  recordCheck(step: MonitorStep): void {
    this.o.history.add(step.stored);
    if (step.stateChange) this.o.history.addStateChange(step.stateChange);
  }

  recordStateChange(change: StateChange): void {
    this.o.history.addStateChange(change);
  }

  recordAlert(outcome: AlertOutcome): void {
    if (outcome.event) this.o.history.addAlertEvent(outcome.event);
    if (outcome.notice) this.tell(outcome.notice);
  }

  /** A notice that bypasses grouping (connectivity), sent at once. */
  tellNow(notice: AlertNotice): void {
    this.send(this.notification([notice]));
  }

  send(notification: Notification): void {
    const channels = channelsFor(notification, this.o.channels());
    if (notification.type !== 'alerts') {
      for (const channel of channels) this.o.outbox.enqueue(channel, notification);
      return;
    }
    const routed = routeNotices(notification.notices, channels, this.o.routes?.() ?? {}, this.told);
    this.told = routed.told;
    for (const [channel, notices] of routed.byChannel) {
      if (notices.length === 0) continue;
      const all = notices.length === notification.notices.length;
      this.o.outbox.enqueue(channel, all ? notification : { ...notification, notices });
    }
  }

  publish(event: EngineEvent): void {
    this.o.events.emit(event);
  }

  /** Sends the grouped notices now. Never throws: a failed history write keeps them for a retry. */
  flushNotices(): boolean {
    this.clearTimer();
    if (this.group.notices.length === 0) return true;
    try {
      // Transitions reach the disk before their message is queued, so a crash can't make a restart re-fire them.
      this.o.history.flush();
      this.send(this.notification(this.group.notices));
      this.group = emptyGroup;
      return true;
    } catch (err) {
      this.o.log(
        `could not write alert history, ${this.group.notices.length} notification(s) stay queued: ${(err as Error).message}`,
      );
      this.arm(this.o.clock.now() + RETRY_FLUSH_MS);
      return false;
    }
  }

  /** Writes what the history holds; never throws (a failure is logged, the history keeps the rows). */
  flushHistory(): void {
    try {
      this.o.history.flush();
    } catch (err) {
      this.o.log(`could not write the history: ${(err as Error).message}`);
    }
  }

  stop(): void {
    this.clearTimer();
  }

  private tell(notice: AlertNotice): void {
    const now = this.o.clock.now();
    const windowMs = this.o.groupWindowMs();
    this.group = addNotice(this.group, notice, now, windowMs);
    if (windowMs === 0) this.flushNotices();
    else if (!this.timer) this.arm(this.group.dueAt ?? now);
  }

  private arm(at: number): void {
    this.clearTimer();
    this.timer = this.o.clock.setTimeout(
      () => {
        this.timer = null;
        this.flushNotices();
      },
      Math.max(0, at - this.o.clock.now()),
    );
  }

  private clearTimer(): void {
    if (this.timer) this.o.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  private notification(notices: readonly AlertNotice[]): Notification {
    return { type: 'alerts', id: randomUUID(), createdAt: this.o.clock.now(), notices: [...notices] };
  }
}
