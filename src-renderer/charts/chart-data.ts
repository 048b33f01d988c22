import type { MonitorHistory } from '../../src-main/api/contract.ts';
import type { PipelineSeries } from '../../src-main/api/history-types.ts';

/** Indices of values with no non-null neighbour: a line cannot be drawn through them, so they get a dot. */
export function isolatedPoints(values: ArrayLike<number | null | undefined>): number[] {
  const has = (i: number) => values[i] !== null && values[i] !== undefined;
  const out: number[] = [];
  for (let i = 0; i < values.length; i++) {
    if (has(i) && !has(i - 1) && !has(i + 1)) out.push(i);
  }
  return out;
}

/**
 * The y range for a chart from its data's extremes: it always holds 0 and every value, with a
 * tenth of headroom. uPlot passes ±Infinity (or null) when there is nothing in view.
 */
export function valueRange(min: number | null, max: number | null): [number, number] {
  const finite = (v: number | null): v is number => v !== null && Number.isFinite(v);
  const lo = finite(min) ? Math.min(0, min) : 0;
  const hi = finite(max) ? Math.max(0, max) : 0;
  if (hi === lo) return [0, 1];
  const pad = (hi - lo) * 0.1;
  return [lo < 0 ? lo - pad : 0, hi > 0 ? hi + pad : 0];
}

/**
 * A sparkline follows recent readings: buckets with no data before the first reading would squeeze
 * them into the right edge, and the current bucket is still empty when it has just begun.
 */
export function trimGaps(
  times: readonly number[],
  values: readonly (number | null)[],
): { times: number[]; values: (number | null)[] } {
  const first = values.findIndex((v) => v !== null);
  if (first < 0) return { times: [], values: [] };
  const last = values.findLastIndex((v) => v !== null);
  return { times: times.slice(first, last + 1), values: values.slice(first, last + 1) };
}

/**
 * A window's series from its first reading on (keeping at least two buckets): a young monitor's
 * checks then fill the chart instead of a sliver at its right edge. The end stays at the window's end.
 */
export function fromFirstReading(series: MonitorHistory['series']): MonitorHistory['series'] {
  const reading = (i: number) =>
    series.latencyMs[i] != null ||
    series.value[i] != null ||
    series.uptime[i] != null ||
    series.beats?.[i] != null;
  const found = series.t.findIndex((_, i) => reading(i));
  const first = found < 0 ? 0 : Math.min(found, Math.max(0, series.t.length - 2));
  if (first === 0) return series;
  return {
    t: series.t.slice(first),
    latencyMs: series.latencyMs.slice(first),
    uptime: series.uptime.slice(first),
    value: series.value.slice(first),
    ...(series.beats && { beats: series.beats.slice(first) }),
  };
}

/** A pipeline's series from its first bucket with anything in it (keeping two), as `fromFirstReading` does for checks. */
export function fromFirstResult(series: PipelineSeries): PipelineSeries {
  const any = (i: number) =>
    (series.completed[i] ?? 0) +
      (series.failed[i] ?? 0) +
      (series.duplicates[i] ?? 0) +
      (series.refused[i] ?? 0) >
    0;
  const found = series.t.findIndex((_, i) => any(i));
  const first = found < 0 ? 0 : Math.min(found, Math.max(0, series.t.length - 2));
  if (first === 0) return series;
  return {
    stepMs: series.stepMs,
    t: series.t.slice(first),
    completed: series.completed.slice(first),
    failed: series.failed.slice(first),
    successRate: series.successRate.slice(first),
    solveP95Ms: series.solveP95Ms.slice(first),
    duplicates: series.duplicates.slice(first),
    refused: series.refused.slice(first),
  };
}
