import type { DeliveryResult, Notification } from '../../api/notification-types.ts';

/** A notification channel (discord, webhook, desktop): one file each, one small interface. */
export interface Notifier {
  readonly channel: string;
  send(notification: Notification, signal: AbortSignal): Promise<DeliveryResult>;
}
