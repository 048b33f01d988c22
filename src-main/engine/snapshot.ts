import type { MaintenanceSpan, MonitorStatus, StateSnapshot } from '../api/contract.ts';
import type { MaintenanceWindow } from '../api/maintenance-schema.ts';
import type { MonitorState } from '../api/monitor-state.ts';
import type { Alerting } from './alerts/alerting.ts';
import { activeWindows, nextWindow, type WindowSpan } from './maintenance/maintenance-windows.ts';
import { toMonitorStatus, withHold, withMaintenance } from './monitors/monitor-status.ts';
import type { Monitoring } from './monitors/monitoring.ts';
import type { Outbox } from './notify/outbox.ts';

/** The whole live state as the API shows it, read from the services that hold it. */
export function buildSnapshot(
  { monitoring, alerting, outbox }: { monitoring: Monitoring; alerting: Alerting; outbox: Outbox },
  startedAt: number,
  now: number,
  windows: readonly MaintenanceWindow[] = [],
): StateSnapshot {
  const monitors: MonitorStatus[] = [];
  const counts: Record<MonitorState, number> = { ok: 0, warning: 0, critical: 0, unknown: 0 };
  for (const rt of monitoring.registry.all()) {
    const status = withHold(toMonitorStatus(rt), (id) => alerting.heldBy(id));
    monitors.push(withMaintenance(status, (id) => alerting.inMaintenance(id, now)));
    if (rt.config.enabled) counts[rt.state]++;
  }
  const snooze = alerting.snoozeState();
  const offline = monitoring.offline;
  return {
    overall: monitoring.overall(),
    counts,
    monitors,
    alerts: {
      firing: alerting.firing().length,
      ...(snooze.global !== undefined && { snoozedUntil: snooze.global }),
      ...(Object.keys(snooze.monitors).length > 0 && { snoozedMonitors: snooze.monitors }),
      brokenChannels: outbox
        .channels()
        .filter((c) => c.broken)
        .map((c) => c.channel),
    },
    offline: offline ? { since: offline.since, reason: offline.reason } : null,
    ...(windows.length > 0 && {
      maintenance: {
        active: activeWindows(windows, now).map(toSpan),
        next: nullable(nextWindow(windows, now)),
      },
    }),
    startedAt,
    now,
  };
}

const toSpan = ({ window: w, start, end }: WindowSpan): MaintenanceSpan => ({
  id: w.id,
  name: w.name,
  ...(w.monitors && { monitors: w.monitors }),
  start,
  end,
});
const nullable = (s: WindowSpan | null) => (s ? toSpan(s) : null);
