import { memo } from 'react';
import { useAppStore } from '../../state/app-context.ts';
import { useLiveValue, useMonitorStatus } from '../../state/live-store.ts';
import { useClock } from '../../state/shared-clock.ts';
import { MonitorCard } from './monitor-card.tsx';

const COARSE_MS = 10_000;
const coarse = (now: number) => Math.floor(now / COARSE_MS) * COARSE_MS;

/**
 * One card kept current by the live store: it redraws for its own monitor's events and snooze, not
 * for the other 999 monitors'.
 */
export const LiveMonitorCard = memo(function LiveMonitorCard({
  id,
  currency,
}: {
  id: string;
  currency: string;
}) {
  const { api, store } = useAppStore();
  const monitor = useMonitorStatus(store, id);
  const snoozedUntil = useLiveValue(store, (live) => live.state?.alerts.snoozedMonitors?.[id]);
  // Only a heartbeat's "last beat" and a timed snooze read the clock; the other cards do not tick.
  const now = useClock(coarse, monitor?.type === 'heartbeat' || typeof snoozedUntil === 'number');
  if (!monitor) return null;
  return (
    <MonitorCard api={api} monitor={monitor} now={now} currency={currency} snoozedUntil={snoozedUntil} />
  );
});

export interface CardGridProps {
  /** The monitors shown, in order; a new array only when the list itself changes. */
  ids: readonly string[];
  /** A balance monitor's currency by id. */
  currencies: ReadonlyMap<string, string>;
}

/** The dashboard's cards; a live event does not redraw the grid, only the card it is about. */
export const CardGrid = memo(function CardGrid({ ids, currencies }: CardGridProps) {
  return (
    <div className="card-grid">
      {ids.map((id) => (
        <LiveMonitorCard key={id} id={id} currency={currencies.get(id) ?? '$'} />
      ))}
    </div>
  );
});
