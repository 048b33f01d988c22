import type { DeliveryResult, Notification } from '../../api/notification-types.ts';
import type { AttemptLog, HeadMessage } from './outbox-records.ts';
import { nextRetry, type RetryCounters } from './retry-schedule.ts';

/*
 * What happens to the head message of a channel, decided without I/O or clock reads: before an
 * attempt (wait, drop, send) and after the channel answered (delivered, rejected, broken, retry, give up).
 */

/** A desktop notification older than this would only confuse: the dashboard shows the current state. */
export const DESKTOP_MAX_AGE_MS = 15 * 60_000;
/** A channel that was down or broken for a day would otherwise replay a day of stale alerts. */
export const ALERTS_MAX_AGE_MS = 24 * 3_600_000;

export const INTERRUPTED_ERROR = 'possibly a duplicate: the app stopped while this message was being sent';

export type BeforeSending =
  | { action: 'wait'; until: number }
  /** The stored payload cannot be read: the message is marked failed. */
  | { action: 'fail'; log: AttemptLog }
  | { action: 'expire'; log: AttemptLog }
  | { action: 'send'; notification: Notification };

export type AfterSending =
  | { action: 'deliver'; log: AttemptLog }
  | { action: 'reject'; log: AttemptLog }
  /** The channel itself is unusable; the message waits for a config change. */
  | { action: 'break'; log: AttemptLog; broken: { status: number; error: string; detail: string | null } }
  | { action: 'retry'; log: AttemptLog; at: number; counters: RetryCounters }
  | { action: 'give-up'; log: AttemptLog };

export interface Situation {
  head: HeadMessage;
  channel: string;
  now: number;
  isFiring: (monitorId: string) => boolean;
}

/** Why a queued message should no longer go out, if it shouldn't. */
export function expiryReason(
  n: Notification,
  channel: string,
  createdAt: number,
  now: number,
  isFiring: (monitorId: string) => boolean,
): string | null {
  const age = now - createdAt;
  if (channel === 'desktop' && age > DESKTOP_MAX_AGE_MS) return 'too old to show as a desktop notification';
  if (n.type === 'alerts' && age > ALERTS_MAX_AGE_MS)
    return 'more than a day old when the channel could take it';
  if (n.type === 'alerts' && n.notices.every((x) => x.kind === 'reminder' && !isFiring(x.monitorId))) {
    return 'the alert resolved before this reminder could be sent';
  }
  return null;
}

/** The log row of an earlier attempt that a stop or crash cut short, if the head had one. */
export function interruptedAttempt(head: HeadMessage): AttemptLog | null {
  if (head.attemptStartedAt === null) return null;
  return { outcome: 'interrupted', status: null, error: INTERRUPTED_ERROR, detail: null };
}

export function beforeSending({ head, channel, now, isFiring }: Situation): BeforeSending {
  if (head.nextAttemptAt !== null && head.nextAttemptAt > now)
    return { action: 'wait', until: head.nextAttemptAt };
  if ('unreadable' in head.content) {
    return {
      action: 'fail',
      log: { outcome: 'gave-up', status: null, error: head.content.unreadable, detail: null },
    };
  }
  const { notification } = head.content;
  const reason = expiryReason(notification, channel, head.createdAt, now, isFiring);
  if (reason !== null) {
    return { action: 'expire', log: { outcome: 'expired', status: null, error: reason, detail: null } };
  }
  return { action: 'send', notification };
}

/** `random`: 0 ≤ x < 1, for the backoff jitter. */
export function afterSending(
  head: HeadMessage,
  result: DeliveryResult,
  now: number,
  schedule: readonly number[],
  random: number,
): AfterSending {
  switch (result.outcome) {
    case 'delivered':
      return {
        action: 'deliver',
        log: { outcome: 'delivered', status: result.status, error: null, detail: null },
      };
    case 'rejected':
      return {
        action: 'reject',
        log: { outcome: 'rejected', status: result.status, error: result.error, detail: result.detail },
      };
    case 'broken': {
      const { status, error, detail } = result;
      return {
        action: 'break',
        log: { outcome: 'broken', status, error, detail },
        broken: { status, error, detail },
      };
    }
    case 'retry': {
      const log: AttemptLog = { outcome: 'retry', status: result.status, error: result.error, detail: null };
      const plan = nextRetry(
        result.retryAfterMs,
        { backoffs: head.backoffs, waits: head.waits },
        schedule,
        () => random,
      );
      if (!plan) return { action: 'give-up', log: { ...log, outcome: 'gave-up' } };
      return { action: 'retry', log, at: now + plan.delayMs, counters: plan.counters };
    }
  }
}
