import type { Notification } from '../../api/notification-types.ts';

const DESKTOP_STALE_MS = 15 * 60_000;
const ALERT_STALE_MS = 24 * 3_600_000;

/** Why a queued message should no longer go out, if it shouldn't. */
export function staleReason(
  n: Notification,
  channel: string,
  ageMs: number,
  isFiring: (monitorId: string) => boolean,
): string | null {
  if (channel === 'desktop' && ageMs > DESKTOP_STALE_MS) return 'too old to show as a desktop notification';
  // A channel that was down or broken for a day would otherwise replay a day of stale alerts.
  if (n.type === 'alerts' && ageMs > ALERT_STALE_MS)
    return 'more than a day old when the channel could take it';
  if (n.type === 'alerts' && n.notices.every((x) => x.kind === 'reminder' && !isFiring(x.monitorId))) {
    return 'the alert resolved before this reminder could be sent';
  }
  return null;
}
