import type { MonitorState } from './monitor-state.ts';

export type HistoryWindow = '1h' | '24h' | '7d' | '30d';

export const HISTORY_WINDOWS: readonly HistoryWindow[] = ['1h', '24h', '7d', '30d'];

export interface StateChange {
  monitorId: string;
  time: number;
  from: MonitorState;
  to: MonitorState;
  reason: string;
}

/** An alert transition or notification outcome, as the alert layer describes it. */
export interface AlertEvent {
  monitorId: string;
  ruleId: string;
  time: number;
  kind: string;
  severity: string;
  message: string;
}

/**
 * Totals over [from, to]. 1h/24h are exact, from raw samples. 7d/30d come from rollups and start
 * at the hour boundary at or before `to - window`. Uptime is (up + degraded) / (up + degraded + down):
 * unknown checks count in `checks` only. Latency figures cover checks that measured a latency.
 */
export interface WindowSummary {
  window: HistoryWindow;
  from: number;
  to: number;
  checks: number;
  /** 0..1, null when no check was up, degraded or down. */
  uptime: number | null;
  latencyAvgMs: number | null;
  latencyP95Ms: number | null;
}

/** Columnar, for uPlot: `t` holds bucket starts (epoch ms), one entry per bucket, null where no data. */
export interface Series {
  t: number[];
  latencyMs: (number | null)[];
  uptime: (number | null)[];
  value: (number | null)[];
  /** Heartbeat monitors: the beats their checks saw per bucket; null before the raw samples kept. */
  beats?: (number | null)[];
}

/** A pipeline monitor's results over a window, from its per-minute, hour and day buckets. */
export interface PipelineHistory {
  totals: PipelineWindowTotals;
  series: PipelineSeries;
  /** Failed results by error code over the window, largest first (at most 20). */
  errors: { code: string; count: number }[];
}

export interface PipelineWindowTotals {
  completed: number;
  failed: number;
  /** completed ÷ (completed + failed); null without results. */
  successRate: number | null;
  /** From the solve-time histogram, where `solveMs` was reported. */
  solveP95Ms: number | null;
  /** Retries recognised and not counted. */
  duplicates: number;
  /** Requests refused for a missing or wrong signature or token. */
  refused: number;
}

/** Columnar like `Series`, one entry per `stepMs`-long bucket: counts are per bucket, not per minute. */
export interface PipelineSeries {
  t: number[];
  stepMs: number;
  completed: number[];
  failed: number[];
  successRate: (number | null)[];
  solveP95Ms: (number | null)[];
  duplicates: number[];
  refused: number[];
}
