import { routeAllows } from '../../api/channel-route.ts';
import type { ChannelRouteConfig, Config } from '../../api/config-schema.ts';
import type { AlertNotice, Notification } from '../../api/notification-types.ts';

/**
 * Who hears what: alerts go to every channel whose `minSeverity` and `monitors` let them through;
 * this computer's own connectivity only to the desktop (a team channel cannot act on it); the daily
 * summary to every channel but the desktop. The end of an alert (a recovery, a step down from
 * critical) goes to the channels that were told of it, whatever their filters.
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

/** Each channel's filter, by channel name. */
export type ChannelRoutes = Readonly<Record<string, ChannelRouteConfig | undefined>>;

/** Monitor id → the channels told of its current alert. */
export type ToldChannels = ReadonlyMap<string, ReadonlySet<string>>;

export function channelRoutes(config: Config): ChannelRoutes {
  const n = config.notifications;
  return { desktop: n.desktopRouting, discord: n.discord, webhook: n.webhook };
}

/** Notices that close or soften an alert: they follow the alert, not the filters. */
const FOLLOWS_ALERT: ReadonlySet<AlertNotice['kind']> = new Set(['recovered', 'deescalated']);

/**
 * Pure: the notices each channel gets, and who has been told of what afterwards. A recovery whose
 * alert no channel is known to have heard (an alert from before a restart) goes to the channels
 * whose `monitors` list allows it: better a recovery too many than a team left thinking it is down.
 */
export function routeNotices(
  notices: readonly AlertNotice[],
  channels: readonly string[],
  routes: ChannelRoutes,
  told: ToldChannels,
): { byChannel: Map<string, AlertNotice[]>; told: Map<string, Set<string>> } {
  const next = new Map<string, Set<string>>();
  for (const [id, set] of told) next.set(id, new Set(set));
  const byChannel = new Map<string, AlertNotice[]>(channels.map((c) => [c, []]));
  for (const notice of notices) {
    const heard = next.get(notice.monitorId);
    for (const channel of channels) {
      const route = routes[channel];
      // This computer's connectivity is not a monitor's alert: no filter applies to it.
      const gets =
        notice.monitorId === '' ||
        (FOLLOWS_ALERT.has(notice.kind)
          ? heard
            ? heard.has(channel)
            : route?.monitors === undefined || route.monitors.includes(notice.monitorId)
          : routeAllows(route, notice.monitorId, notice.severity));
      if (gets) byChannel.get(channel)?.push(notice);
    }
    if (notice.kind === 'recovered') next.delete(notice.monitorId);
    else if (!FOLLOWS_ALERT.has(notice.kind) && notice.monitorId !== '') {
      const set = next.get(notice.monitorId) ?? new Set<string>();
      for (const channel of channels) if (byChannel.get(channel)?.includes(notice)) set.add(channel);
      next.set(notice.monitorId, set);
    }
  }
  return { byChannel, told: next };
}
