import type { DatabaseSync, SQLInputValue, StatementSync } from 'node:sqlite';
import type { SampleStatus } from '../../api/sample-values.ts';
import {
  emptyHistogram,
  encodeHistogram,
  latencyBucket,
  mergeEncodedHistograms,
} from './latency-histogram.ts';
import { countsAsUp } from './stored-status.ts';
import { bucketStart, DAY, HOUR, MINUTE } from './time-buckets.ts';

export interface RollupLevel {
  table: 'rollup_minute' | 'rollup_hour' | 'rollup_day';
  ms: number;
  /** Minute rows only feed charts; the latency histogram (for p95) lives in hour and day rows. */
  histogram: boolean;
}

export const ROLLUP_LEVELS: readonly RollupLevel[] = [
  { table: 'rollup_minute', ms: MINUTE, histogram: false },
  { table: 'rollup_hour', ms: HOUR, histogram: true },
  { table: 'rollup_day', ms: DAY, histogram: true },
];

export const rollupLevel = (table: RollupLevel['table']): RollupLevel =>
  ROLLUP_LEVELS.find((l) => l.table === table) as RollupLevel;

/** What one sample contributes to a rollup; `monitor` is the stored integer key. */
export interface RollupInput {
  monitor: number;
  time: number;
  status: SampleStatus;
  latencyMs: number | null;
  value: number | null;
}

interface Delta {
  monitor: number;
  t: number;
  up: number;
  down: number;
  unknown: number;
  latN: number;
  latSum: number;
  latMax: number;
  valueN: number;
  valueSum: number;
  hist: number[] | null;
}

/**
 * The open rollup buckets, summed in memory per (level, monitor, bucket) across flushes; `write` adds
 * each sum to its row in `tableOf(level)` with one upsert, so a bucket costs one upsert per write
 * instead of one per sample, and `writeClosed` writes the buckets that have ended, so memory holds
 * about one bucket per monitor and level. Sums follow the caller's transactions: `add`, `write` and
 * `writeClosed` take effect at `committed` and are undone by `rolledBack`.
 */
export class RollupWriter {
  private readonly upserts: StatementSync[];
  /** Committed sums not written yet, per level. */
  private readonly sums: Map<string, Delta>[] = ROLLUP_LEVELS.map(() => new Map());
  /** Added in the caller's open transaction. */
  private staged: RollupInput[] = [];
  /** What the open transaction already wrote: the committed sums, and `staged` up to this index. */
  private sumsWritten = false;
  private stagedWritten = 0;
  /** The newest committed sample time: a bucket that ends by it has closed. */
  private newest = -Infinity;
  /** The minute of `newest` when closed buckets were last written. */
  private sweptMinute = -Infinity;
  /** Committed sums the open transaction wrote by `writeClosed`, taken out of `sums`. */
  private closedWritten: { level: number; key: string; delta: Delta }[] = [];

  constructor(db: DatabaseSync, tableOf: (level: RollupLevel) => string) {
    db.function('hist_merge', { deterministic: true }, (a, b) =>
      mergeEncodedHistograms(a as Uint8Array | null, b as Uint8Array | null),
    );
    this.upserts = ROLLUP_LEVELS.map((level) => db.prepare(upsertSql(level, tableOf(level))));
  }

  add(inputs: readonly RollupInput[]): void {
    for (const input of inputs) this.staged.push(input);
  }

  /** Buckets waiting to be written (an upper bound). */
  get waiting(): number {
    return this.staged.length * ROLLUP_LEVELS.length + this.sums.reduce((n, m) => n + m.size, 0);
  }

  /** Adds every sum not written yet to its table; inside the caller's transaction. */
  write(): void {
    const fresh = this.staged.slice(this.stagedWritten);
    ROLLUP_LEVELS.forEach((level, i) => {
      const upsert = this.upserts[i] as StatementSync;
      if (!this.sumsWritten)
        for (const d of (this.sums[i] as Map<string, Delta>).values()) run(upsert, level, d);
      // Upserts add up, so a bucket that also has a committed sum just gets a second one.
      for (const d of sumInto(new Map(), fresh, level).values()) run(upsert, level, d);
    });
    this.sumsWritten = true;
    this.stagedWritten = this.staged.length;
  }

  /**
   * Writes the committed sums whose bucket ended by the newest committed sample, and keeps them out
   * of memory from then on; looks at most once a minute. Inside the caller's transaction.
   */
  writeClosed(): void {
    const minute = Math.floor(this.newest / MINUTE);
    if (this.sumsWritten || !(minute > this.sweptMinute)) return;
    ROLLUP_LEVELS.forEach((level, i) => {
      const sums = this.sums[i] as Map<string, Delta>;
      for (const [key, delta] of sums) {
        if (delta.t + level.ms > this.newest) continue;
        run(this.upserts[i] as StatementSync, level, delta);
        sums.delete(key);
        this.closedWritten.push({ level: i, key, delta });
      }
    });
    this.sweptMinute = minute;
  }

  committed(): void {
    if (this.sumsWritten) for (const m of this.sums) m.clear();
    const fresh = this.staged.slice(this.stagedWritten);
    ROLLUP_LEVELS.forEach((level, i) => {
      sumInto(this.sums[i] as Map<string, Delta>, fresh, level);
    });
    for (const s of fresh) this.newest = Math.max(this.newest, s.time);
    this.reset();
  }

  rolledBack(): void {
    for (const { level, key, delta } of this.closedWritten) this.sums[level]?.set(key, delta);
    if (this.closedWritten.length > 0) this.sweptMinute = -Infinity;
    this.reset();
  }

  private reset(): void {
    this.staged = [];
    this.sumsWritten = false;
    this.stagedWritten = 0;
    this.closedWritten = [];
  }
}

function run(upsert: StatementSync, level: RollupLevel, d: Delta): void {
  const values: SQLInputValue[] = [
    d.monitor,
    d.t,
    d.up,
    d.down,
    d.unknown,
    d.latN,
    d.latSum,
    d.latMax,
    d.valueN,
    d.valueSum,
  ];
  if (level.histogram) values.push(d.hist && encodeHistogram(d.hist));
  upsert.run(...values);
}

/** Adds each input to its bucket's sum in `byKey`. */
function sumInto(
  byKey: Map<string, Delta>,
  inputs: readonly RollupInput[],
  level: RollupLevel,
): Map<string, Delta> {
  for (const s of inputs) {
    const t = bucketStart(s.time, level.ms);
    const key = `${s.monitor}:${t}`;
    let d = byKey.get(key);
    if (!d) {
      d = {
        monitor: s.monitor,
        t,
        up: 0,
        down: 0,
        unknown: 0,
        latN: 0,
        latSum: 0,
        latMax: 0,
        valueN: 0,
        valueSum: 0,
        hist: null,
      };
      byKey.set(key, d);
    }
    if (s.status === 'unknown') d.unknown++;
    else if (countsAsUp(s.status)) d.up++;
    else d.down++;
    if (s.latencyMs !== null) {
      d.latN++;
      d.latSum += s.latencyMs;
      d.latMax = Math.max(d.latMax, s.latencyMs);
      if (level.histogram) {
        d.hist ??= emptyHistogram();
        const b = latencyBucket(s.latencyMs);
        d.hist[b] = (d.hist[b] as number) + 1;
      }
    }
    if (s.value !== null) {
      d.valueN++;
      d.valueSum += s.value;
    }
  }
  return byKey;
}

const columns = (level: RollupLevel): string =>
  `monitor, t, up, down, unknown, lat_n, lat_sum, lat_max, value_n, value_sum${level.histogram ? ', lat_hist' : ''}`;

/** Adds the new row's counts and sums to an existing row of the same bucket. */
const addToRow = (level: RollupLevel): string => `
  ON CONFLICT (monitor, t) DO UPDATE SET
    up = up + excluded.up,
    down = down + excluded.down,
    unknown = unknown + excluded.unknown,
    lat_n = lat_n + excluded.lat_n,
    lat_sum = lat_sum + excluded.lat_sum,
    lat_max = max(lat_max, excluded.lat_max),
    value_n = value_n + excluded.value_n,
    value_sum = value_sum + excluded.value_sum
    ${level.histogram ? ', lat_hist = hist_merge(lat_hist, excluded.lat_hist)' : ''}`;

function upsertSql(level: RollupLevel, table: string): string {
  return `INSERT INTO ${table} (${columns(level)})
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?${level.histogram ? ', ?' : ''}) ${addToRow(level)}`;
}

/** Adds every row of `from` to the same level's rows in `into`. */
export function mergeRollupsSql(level: RollupLevel, from: string, into: string): string {
  // `WHERE true` tells the parser that ON CONFLICT belongs to the INSERT, not to a join.
  return `INSERT INTO ${into} (${columns(level)})
    SELECT ${columns(level)} FROM ${from} WHERE true ${addToRow(level)}`;
}
