import type { MonitorHistory } from '../../api/contract.ts';
import type { HistoryWindow, PipelineHistory } from '../../api/history-types.ts';
import type { History } from './history.ts';

/** A monitor's page: totals, the chart series and the state changes of one window; a pipeline's results too. */
export function monitorHistory(
  history: History,
  id: string,
  window: HistoryWindow,
  now: number,
  pipeline?: (id: string, window: HistoryWindow, now: number) => PipelineHistory | undefined,
): MonitorHistory {
  const summary = history.summary(id, window, now);
  const results = pipeline?.(id, window, now);
  return {
    id,
    window,
    summary,
    series: history.series(id, window, now),
    stateChanges: history.stateChanges(id, summary.from, now, 200),
    ...(results && { pipeline: results }),
  };
}
