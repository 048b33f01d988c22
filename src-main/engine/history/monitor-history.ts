import type { MonitorHistory } from '../../api/contract.ts';
import type { HistoryWindow } from '../../api/history-types.ts';
import type { History } from './history.ts';

/** A monitor's page: totals, the chart series and the state changes of one window. */
export function monitorHistory(
  history: History,
  id: string,
  window: HistoryWindow,
  now: number,
): MonitorHistory {
  const summary = history.summary(id, window, now);
  return {
    id,
    window,
    summary,
    series: history.series(id, window, now),
    stateChanges: history.stateChanges(id, summary.from, now, 200),
  };
}
