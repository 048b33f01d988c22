import type { ChannelStatus, DeliveryRecord } from '../../api/delivery-types.ts';
import type { Notification } from '../../api/notification-types.ts';
import type { RetryCounters } from './retry-schedule.ts';

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

export type BrokenChannel = NonNullable<ChannelStatus['broken']> & { channel: string; fingerprint: string };

/** One delivery-log row, as written. */
export type AttemptLog = Pick<DeliveryRecord, 'outcome' | 'status' | 'error' | 'detail'>;

/** The oldest pending message of a channel, with its stored notification read back. */
export interface HeadMessage extends RetryCounters {
  id: number;
  createdAt: number;
  attempts: number;
  nextAttemptAt: number | null;
  /** Set while an attempt is in flight; still set at the next read when the app stopped during it. */
  attemptStartedAt: number | null;
  content: { notification: Notification } | { unreadable: string };
}

export type FinalState = 'delivered' | 'rejected' | 'failed' | 'expired';
