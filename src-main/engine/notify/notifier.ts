import type { DeliveryResult, Notification } from '../../api/notification-types.ts';
import { errorText } from './error-text.ts';

/** A notification channel (discord, webhook, desktop): one file each, one small interface. */
export interface Notifier {
  readonly channel: string;
  send(notification: Notification, signal: AbortSignal): Promise<DeliveryResult>;
}

/** The notifier's answer; one that throws is treated like a network error (its message without URLs). */
export async function sendOrRetry(
  notifier: Notifier,
  notification: Notification,
  signal: AbortSignal,
): Promise<DeliveryResult> {
  try {
    return await notifier.send(notification, signal);
  } catch (err) {
    const error = `${notifier.channel} failed: ${errorText(err)}`;
    return { outcome: 'retry', status: null, error, retryAfterMs: null };
  }
}
