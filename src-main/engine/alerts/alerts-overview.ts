import type { AlertsOverview } from '../../api/contract.ts';
import type { History } from '../history/history.ts';
import type { Outbox } from '../notify/outbox.ts';
import type { Alerting } from './alerting.ts';

const MONTH_MS = 30 * 86_400_000;

/** The alerts page: what fires now, the last transitions and deliveries, the channels and the snooze. */
export function alertsOverview(
  alerting: Alerting,
  history: History,
  outbox: Outbox,
  limit: number,
  now: number,
): AlertsOverview {
  return {
    firing: alerting.firing(),
    transitions: history.alertEvents(null, now - MONTH_MS, now, limit),
    deliveries: outbox.deliveries({ limit }),
    channels: outbox.channels(),
    snooze: alerting.snoozeState(),
  };
}
