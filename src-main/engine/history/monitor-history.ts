import type { MonitorType } from '../../api/config-schema.ts';
import type { MonitorHistory } from '../../api/contract.ts';
import type { HistoryWindow, PipelineHistory } from '../../api/history-types.ts';
import type { History } from './history.ts';

/** What besides the samples a page is made of: a pipeline's results, and the monitor's type (heartbeat beats). */
export interface HistorySources {
  pipeline?: { history(id: string, window: HistoryWindow, now: number): PipelineHistory | undefined } | null;
  monitoring?: { registry: { get(id: string): { config: { type: MonitorType } } | undefined } };
}

/**
 * A monitor's page: totals, the chart series and the state changes of one window; a pipeline's
 * results and a heartbeat's beats too.
 */
export function monitorHistory(
  history: History,
  id: string,
  shown: HistoryWindow | undefined,
  now: number,
  sources: HistorySources = {},
): MonitorHistory {
  const window = shown ?? '24h';
  const summary = history.summary(id, window, now);
  const results = sources.pipeline?.history(id, window, now);
  const type = sources.monitoring?.registry.get(id)?.config.type;
  const series = history.series(id, window, now);
  return {
    id,
    window,
    summary,
    series: type === 'heartbeat' ? { ...series, beats: history.beats(id, series.t, now) } : series,
    stateChanges: history.stateChanges(id, summary.from, now, 200),
    ...(results && { pipeline: results }),
  };
}
