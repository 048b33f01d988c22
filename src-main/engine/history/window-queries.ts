import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { HistoryWindow, Series, WindowSummary } from '../../api/history-types.ts';
import { addEncodedHistogram, emptyHistogram, histogramQuantile } from './latency-histogram.ts';
import { ROLLUP_LEVELS, type RollupLevel, rollupLevel } from './rollups.ts';
import { ALL_SAMPLES, allRollups } from './sample-journal.ts';
import { STATUS_CODE } from './stored-status.ts';
import { bucketStart, bucketsTouched, chooseStep, DAY, HOUR, MINUTE, SECOND } from './time-buckets.ts';

const WINDOW_MS: Readonly<Record<HistoryWindow, number>> = {
  '1h': HOUR,
  '24h': DAY,
  '7d': 7 * DAY,
  '30d': 30 * DAY,
};

export function windowMs(w: HistoryWindow): number {
  const ms = WINDOW_MS[w];
  if (ms === undefined) throw new RangeError(`unknown history window "${w}"`);
  return ms;
}

/** Short windows read raw samples (exact p95); long ones read rollups, which outlive raw samples. */
const fromRaw = (w: HistoryWindow): boolean => windowMs(w) <= DAY;

const UP = `status IN (${STATUS_CODE.up}, ${STATUS_CODE.degraded})`;
const DOWN = `status = ${STATUS_CODE.down}`;

type Figures = Omit<WindowSummary, 'window' | 'from' | 'to'>;

const SEGMENT_COLUMNS = 'up, down, unknown, lat_n, lat_sum, lat_max, lat_hist';
const HOURS = allRollups(rollupLevel('rollup_hour'));

/**
 * Summaries and chart series for one monitor (by its stored integer key) over a window, from stored
 * and journalled samples alike. A rollup bucket may have a row on each side, so rows are summed, never counted.
 */
export class WindowQueries {
  private readonly db: DatabaseSync;
  private readonly rawTotals: StatementSync;
  private readonly rawNthLatency: StatementSync;
  private readonly rawSpacing: StatementSync;
  private readonly hourlySpacing: StatementSync;
  private readonly rollupSegments: StatementSync;
  private readonly seriesStatements = new Map<string, StatementSync>();

  constructor(db: DatabaseSync) {
    this.db = db;
    this.rawTotals = db.prepare(`
      SELECT coalesce(sum(${UP}), 0) AS up, coalesce(sum(${DOWN}), 0) AS down, count(*) AS checks,
        count(latency) AS latN, coalesce(sum(latency), 0) AS latSum
      FROM ${ALL_SAMPLES} WHERE monitor = :m AND t >= :from AND t <= :to`);
    this.rawSpacing = db.prepare(`
      SELECT CASE WHEN count(*) > 1 THEN (max(t) - min(t)) / (count(*) - 1.0) ELSE 0 END AS spacing
      FROM ${ALL_SAMPLES} WHERE monitor = :m AND t >= :from AND t <= :to`);
    this.hourlySpacing = db.prepare(`
      SELECT coalesce(count(DISTINCT t) * ${HOUR}.0 / sum(up + down + unknown), 0) AS spacing
      FROM ${HOURS} WHERE monitor = :m AND t >= :from AND t <= :to`);
    this.rawNthLatency = db.prepare(`
      SELECT latency FROM ${ALL_SAMPLES} WHERE monitor = :m AND t >= :from AND t <= :to AND latency IS NOT NULL
      ORDER BY latency DESC LIMIT 1 OFFSET :offset`);
    // Whole days come from day rows and the hours around them from hour rows: ~80 rows for 30 days.
    this.rollupSegments = db.prepare(`
      SELECT ${SEGMENT_COLUMNS} FROM ${HOURS} WHERE monitor = :m AND t >= :from AND t < :dayFrom
      UNION ALL
      SELECT ${SEGMENT_COLUMNS} FROM ${allRollups(rollupLevel('rollup_day'))} WHERE monitor = :m AND t >= :dayFrom AND t < :dayTo
      UNION ALL
      SELECT ${SEGMENT_COLUMNS} FROM ${HOURS} WHERE monitor = :m AND t >= :dayTo AND t <= :to`);
  }

  summary(monitor: number | null, window: HistoryWindow, now: number): WindowSummary {
    const w = windowMs(window);
    if (fromRaw(window)) {
      const from = now - w;
      return { window, from, to: now, ...this.rawSummary(monitor, from, now) };
    }
    const from = bucketStart(now - w, HOUR);
    return { window, from, to: now, ...this.rollupSummary(monitor, from, now) };
  }

  series(monitor: number | null, window: HistoryWindow, now: number, maxPoints: number): Series {
    if (!Number.isInteger(maxPoints) || maxPoints < 2) {
      throw new RangeError(`maxPoints must be a whole number ≥ 2, got ${maxPoints}`);
    }
    const from = now - windowMs(window);
    const raw = fromRaw(window);
    // Buckets of at least 1.5 check intervals, so scheduling jitter leaves no empty bucket in a line.
    const spacing = monitor === null ? 0 : this.checkSpacing(monitor, from, now, raw);
    const step = chooseStep(from, now, maxPoints, Math.max(raw ? SECOND : MINUTE, 1.5 * spacing));
    const first = bucketStart(from, step);
    const n = bucketsTouched(from, now, step);
    const series: Series = {
      t: Array.from({ length: n }, (_, i) => first + i * step),
      latencyMs: new Array(n).fill(null),
      uptime: new Array(n).fill(null),
      value: new Array(n).fill(null),
    };
    if (monitor === null) return series;
    const source = raw ? null : levelFor(step);
    const rows = this.seriesStatement(source, step).all({
      m: monitor,
      from: source === null ? from : bucketStart(from, source.ms),
      to: now,
    });
    for (const row of rows as unknown as SeriesRow[]) {
      const i = row.b - first / step;
      series.latencyMs[i] = row.latN > 0 ? row.latSum / row.latN : null;
      series.uptime[i] = row.up + row.down > 0 ? row.up / (row.up + row.down) : null;
      series.value[i] = row.valueN > 0 ? row.valueSum / row.valueN : null;
    }
    return series;
  }

  /** The usual time between this monitor's checks in the window, 0 when unknown. */
  private checkSpacing(monitor: number, from: number, to: number, raw: boolean): number {
    const stmt = raw ? this.rawSpacing : this.hourlySpacing;
    return (stmt.get({ m: monitor, from: raw ? from : bucketStart(from, HOUR), to }) as { spacing: number })
      .spacing;
  }

  private rawSummary(monitor: number | null, from: number, to: number): Figures {
    if (monitor === null) return emptySummary();
    const r = this.rawTotals.get({ m: monitor, from, to }) as {
      up: number;
      down: number;
      checks: number;
      latN: number;
      latSum: number;
    };
    let p95: number | null = null;
    if (r.latN > 0) {
      // Nearest rank, counted from the top so SQLite's sorter keeps only the slowest 5 %.
      const offset = r.latN - Math.max(1, Math.ceil(0.95 * r.latN));
      p95 = (this.rawNthLatency.get({ m: monitor, from, to, offset }) as { latency: number }).latency;
    }
    return {
      checks: r.checks,
      uptime: r.up + r.down > 0 ? r.up / (r.up + r.down) : null,
      latencyAvgMs: r.latN > 0 ? r.latSum / r.latN : null,
      latencyP95Ms: p95,
    };
  }

  private rollupSummary(monitor: number | null, from: number, to: number): Figures {
    if (monitor === null) return emptySummary();
    let dayFrom = Math.ceil(from / DAY) * DAY;
    let dayTo = bucketStart(to, DAY);
    if (dayFrom >= dayTo) dayFrom = dayTo = from;
    const totals = { up: 0, down: 0, unknown: 0, latN: 0, latSum: 0, latMax: 0 };
    const hist = emptyHistogram();
    for (const row of this.rollupSegments.iterate({ m: monitor, from, dayFrom, dayTo, to })) {
      const r = row as unknown as SegmentRow;
      totals.up += r.up;
      totals.down += r.down;
      totals.unknown += r.unknown;
      totals.latN += r.lat_n;
      totals.latSum += r.lat_sum;
      if (r.lat_max > totals.latMax) totals.latMax = r.lat_max;
      addEncodedHistogram(hist, r.lat_hist);
    }
    return {
      checks: totals.up + totals.down + totals.unknown,
      uptime: totals.up + totals.down > 0 ? totals.up / (totals.up + totals.down) : null,
      latencyAvgMs: totals.latN > 0 ? totals.latSum / totals.latN : null,
      latencyP95Ms: histogramQuantile(hist, 0.95, totals.latMax),
    };
  }

  /** Steps come from a fixed list, so statements are cached per step with the step inlined as an integer. */
  private seriesStatement(source: RollupLevel | null, step: number): StatementSync {
    const key = `${source?.table ?? 'samples'}/${step}`;
    let stmt = this.seriesStatements.get(key);
    if (!stmt) {
      stmt = this.db.prepare(
        source === null
          ? `SELECT t / ${step} AS b, coalesce(sum(${UP}), 0) AS up, coalesce(sum(${DOWN}), 0) AS down,
               count(latency) AS latN, coalesce(sum(latency), 0) AS latSum,
               count(value) AS valueN, coalesce(sum(value), 0) AS valueSum
             FROM ${ALL_SAMPLES} WHERE monitor = :m AND t >= :from AND t <= :to GROUP BY b`
          : `SELECT t / ${step} AS b, sum(up) AS up, sum(down) AS down, sum(lat_n) AS latN, sum(lat_sum) AS latSum,
               sum(value_n) AS valueN, sum(value_sum) AS valueSum
             FROM ${allRollups(source)} WHERE monitor = :m AND t >= :from AND t <= :to GROUP BY b`,
      );
      this.seriesStatements.set(key, stmt);
    }
    return stmt;
  }
}

interface SeriesRow {
  b: number;
  up: number;
  down: number;
  latN: number;
  latSum: number;
  valueN: number;
  valueSum: number;
}

interface SegmentRow {
  up: number;
  down: number;
  unknown: number;
  lat_n: number;
  lat_sum: number;
  lat_max: number;
  lat_hist: Uint8Array | null;
}

/** The coarsest rollup whose buckets fit whole inside one chart bucket. */
function levelFor(step: number): RollupLevel {
  let best = rollupLevel('rollup_minute');
  for (const level of ROLLUP_LEVELS) if (step % level.ms === 0) best = level;
  return best;
}

function emptySummary(): Figures {
  return { checks: 0, uptime: null, latencyAvgMs: null, latencyP95Ms: null };
}
