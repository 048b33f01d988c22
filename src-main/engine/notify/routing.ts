import type { Notification } from '../../api/notification-types.ts';

/**
 * Who hears of what: alerts go to every channel; this computer's own connectivity only to the desktop
 * (a team channel cannot act on it); the daily summary to every channel but the desktop.
 */
export type Audience = 'all' | 'desktop' | 'team';

export function audienceOf(notification: Notification): Audience {
  if (notification.type === 'summary') return 'team';
  return notification.notices.every((n) => n.kind === 'offline' || n.kind === 'online') ? 'desktop' : 'all';
}

export function channelsFor(notification: Notification, channels: Iterable<string>): string[] {
  const audience = audienceOf(notification);
  return [...channels].filter((c) =>
    audience === 'all' ? true : audience === 'desktop' ? c === 'desktop' : c !== 'desktop',
  );
}
