import type { MonitorInput } from '../../../src-main/api/config-schema.ts';
import type { ThresholdLine } from '../../charts/time-chart.tsx';

export interface ChartThresholds {
  latency: ThresholdLine[];
  value: ThresholdLine[];
}

const NONE: ChartThresholds = { latency: [], value: [] };

const line = (label: string, value: unknown, colorVar: string): ThresholdLine[] =>
  typeof value === 'number' && Number.isFinite(value) ? [{ label, value, colorVar }] : [];

/** The configured limits each chart of a monitor is judged against, drawn as dashed lines on it. */
export function chartThresholds(monitor: MonitorInput | undefined): ChartThresholds {
  switch (monitor?.type) {
    case 'http':
      return {
        latency: [
          ...line('Warning', monitor.latencyWarnMs, '--warning'),
          ...line('Critical', monitor.latencyCriticalMs, '--critical'),
        ],
        value: [],
      };
    case 'balance':
      return {
        latency: [],
        value: [
          ...line('Warning below', monitor.warnBelow, '--warning'),
          ...line('Critical below', monitor.criticalBelow, '--critical'),
        ],
      };
    case 'callback-health':
      return { latency: [], value: line('Critical above', monitor.errorRateCritical, '--critical') };
    default:
      return NONE;
  }
}
