import type { MonitorHistory } from '../../api/contract.ts';
import type { HistoryWindow, PipelineHistory } from '../../api/history-types.ts';
import type { History } from './history.ts';

/** A monitor's page: totals, the chart series and the state changes of one window; a pipeline's results too. */
export function monitorHistory(
  history: History,
  id: string,
  shown: HistoryWindow | undefined,
  now: number,
  pipeline?: { history(id: string, window: HistoryWindow, now: number): PipelineHistory | undefined },
): MonitorHistory {
  const window = shown ?? '24h';
  const summary = history.summary(id, window, now);
  const results = pipeline?.history(id, window, now);
  return {
    id,
    window,
    summary,
    series: history.series(id, window, now),
    stateChanges: history.stateChanges(id, summary.from, now, 200),
    ...(results && { pipeline: results }),
  };
}
