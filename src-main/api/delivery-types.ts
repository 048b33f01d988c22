import type { DeliveryResult } from './notification-types.ts';

export interface DeliveryRecord {
  id: number;
  outboxId: number;
  channel: string;
  at: number;
  /** `interrupted`: the app stopped during this attempt, so whether the channel got it is unknown. */
  outcome: DeliveryResult['outcome'] | 'expired' | 'gave-up' | 'interrupted';
  status: number | null;
  error: string | null;
  /** The server's error body, e.g. Discord's 400 answer. */
  detail: string | null;
  title: string;
}

export interface ChannelStatus {
  channel: string;
  broken: { since: number; status: number; error: string; detail: string | null } | null;
  pending: number;
  lastDeliveredAt: number | null;
}
