import type { Notification } from '../../api/notification-types.ts';
import { errorText } from './error-text.ts';
import { notificationTitle } from './notification-title.ts';
import type { HeadMessage } from './outbox-records.ts';

/** The title the outbox lists a message by; a notification it cannot title still gets one. */
export function titleOf(notification: Notification): string {
  try {
    return notificationTitle(notification);
  } catch {
    return notification.type === 'summary' ? 'Daily summary' : 'Alert';
  }
}

/** The stored notification, or why it cannot be used. */
export function parseNotification(payload: string): HeadMessage['content'] {
  let value: unknown;
  try {
    value = JSON.parse(payload);
  } catch (err) {
    return { unreadable: `the stored notification is not valid JSON (${errorText(err)})` };
  }
  const v = value as Partial<Record<string, unknown>> | null;
  const ok =
    v !== null &&
    typeof v === 'object' &&
    ((v.type === 'alerts' && Array.isArray(v.notices)) ||
      (v.type === 'summary' && typeof v.summary === 'object' && v.summary !== null));
  return ok
    ? { notification: value as Notification }
    : { unreadable: 'the stored notification is not an alerts or summary notification' };
}
