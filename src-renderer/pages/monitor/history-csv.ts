import type { MonitorHistory } from '../../../src-main/api/contract.ts';

const cell = (v: number | null): string => (v === null || !Number.isFinite(v) ? '' : String(v));

/** The history's series as CSV: one row per bucket, ISO time, empty cells where there was no data. */
export function historyCsv(history: MonitorHistory): string {
  const { t, latencyMs, uptime, value } = history.series;
  const rows = ['time,latency_ms,uptime,value'];
  t.forEach((time, i) => {
    rows.push(
      [
        new Date(time).toISOString(),
        cell(latencyMs[i] ?? null),
        cell(uptime[i] ?? null),
        cell(value[i] ?? null),
      ].join(','),
    );
  });
  return `${rows.join('\n')}\n`;
}

export const csvFileName = (history: Pick<MonitorHistory, 'id' | 'window'>): string =>
  `${history.id.replace(/[^A-Za-z0-9_.-]/g, '_')}-${history.window}.csv`;
