import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { describe, expect, it } from 'vitest';
import type { SchedulerStats } from '../../src-main/engine/scheduler/scheduler.ts';
import { renderMetrics } from '../../src-main/server/metrics.ts';
import { monitorStatus, stateSnapshot } from '../support/state-snapshot.ts';

const NOW = Date.UTC(2026, 0, 15, 12);
const stats = {
  runs: 3,
  skippedOverlaps: 0,
  latenessMs: { p50: 1, p99: 2, max: 3, count: 3 },
} as unknown as SchedulerStats;

describe('/metrics: certificates and dependencies', () => {
  it('exports the days left on a certificate and whether a monitor is held', () => {
    const text = renderMetrics(
      stateSnapshot(
        [
          monitorStatus({ id: 'api', type: 'http', values: { cert_days_left: 4.75 } }, NOW),
          monitorStatus({ id: 'orders', type: 'http', state: 'critical', heldBy: 'API' }, NOW),
        ],
        NOW,
      ),
      stats,
    );
    const families = parsePrometheusTextFormat(text);
    const value = (name: string, monitor: string) =>
      families
        .find((f) => f.name === name)
        ?.metrics.find((m) => 'labels' in m && m.labels?.monitor === monitor)?.value;
    expect(value('solvewatch_certificate_days_left', 'api')).toBe('4.75');
    expect(value('solvewatch_certificate_days_left', 'orders')).toBeUndefined();
    expect(value('solvewatch_monitor_held', 'orders')).toBe('1');
    expect(value('solvewatch_monitor_held', 'api')).toBe('0');
  });
});
