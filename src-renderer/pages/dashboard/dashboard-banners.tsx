import type { HostInfo, StateSnapshot } from '../../../src-main/api/contract.ts';
import { formatRelative, formatTime } from '../../../src-main/api/number-format.ts';
import { Banner } from '../../components/panels.tsx';
import { channelName } from '../../format/channel-name.ts';
import { hrefOf } from '../../routing/route.ts';

export interface DashboardBannersProps {
  state: StateSnapshot;
  host: HostInfo | null;
  now: number;
  onDismissNotice: (id: string) => void;
}

/** What the user must know before reading the cards: offline, snoozed, maintenance, a broken channel, host notices. */
export function DashboardBanners({ state, host, now, onDismissNotice }: DashboardBannersProps) {
  const snoozed = state.alerts.snoozedUntil;
  const isSnoozed = snoozed !== undefined && (snoozed === null || snoozed > now);
  return (
    <div className="banners">
      {state.offline ? (
        <Banner level="warning">
          <strong>This computer seems to be offline</strong> since {formatTime(state.offline.since)}{' '}
          <span aria-hidden="true">({formatRelative(state.offline.since, now)}) </span>({state.offline.reason}
          ). Monitors read “Unknown” and no alerts are sent until the network is back.
        </Banner>
      ) : null}
      {isSnoozed ? (
        <Banner level="info">
          <strong>Alerts are snoozed</strong>{' '}
          {snoozed === null ? (
            'until you resume them.'
          ) : (
            <>
              until {formatTime(snoozed)}
              {/* Relative times change every second: inside a live region they would be re-announced. */}
              <span aria-hidden="true"> ({formatRelative(snoozed, now)})</span>.
            </>
          )}{' '}
          Checks keep running; you are just not notified.
        </Banner>
      ) : null}
      {state.maintenance?.active.map((w) => (
        <Banner key={w.id} level="info">
          <strong>Maintenance: {w.name}</strong> until {formatTime(w.end)}
          <span aria-hidden="true"> ({formatRelative(w.end, now)})</span>, for{' '}
          {w.monitors ? w.monitors.join(', ') : 'all monitors'}. Checks keep running; changes are recorded and
          only what still differs afterwards is told.
        </Banner>
      ))}
      {state.maintenance?.next ? (
        <Banner level="info">
          Next maintenance window: <strong>{state.maintenance.next.name}</strong> at{' '}
          {formatTime(state.maintenance.next.start)}
          <span aria-hidden="true"> ({formatRelative(state.maintenance.next.start, now)})</span>.
        </Banner>
      ) : null}
      {state.alerts.brokenChannels.length > 0 ? (
        <Banner
          level="error"
          actions={
            <a className="button button-small" href={hrefOf({ name: 'alerts' })}>
              See deliveries
            </a>
          }
        >
          <strong>Notifications are not getting through</strong> on{' '}
          {state.alerts.brokenChannels.map(channelName).join(', ')}. Fix the channel in Settings →
          Notifications.
        </Banner>
      ) : null}
      {host?.notices.map((notice) => (
        <Banner
          key={notice.id}
          level={notice.level}
          actions={
            <button type="button" className="button button-small" onClick={() => onDismissNotice(notice.id)}>
              Dismiss
            </button>
          }
        >
          {notice.message}
        </Banner>
      ))}
    </div>
  );
}
