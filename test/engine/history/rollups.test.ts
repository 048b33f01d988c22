import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import type { SampleStatus } from '../../../src-main/api/sample-values.ts';
import type { History } from '../../../src-main/engine/history/history.ts';
import {
  addEncodedHistogram,
  emptyHistogram,
  latencyBucket,
} from '../../../src-main/engine/history/latency-histogram.ts';
import { ROLLUP_LEVELS, type RollupInput, RollupWriter } from '../../../src-main/engine/history/rollups.ts';
import type { StoredSample } from '../../../src-main/engine/history/stored-sample.ts';
import { count, DAY, HOUR, historyFilesPerTest, MINUTE, NOON, SECOND, sample } from './history-fixtures.ts';

const files = historyFilesPerTest();

/** Deterministic pseudo-random numbers (mulberry32). */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const STATUSES: SampleStatus[] = ['up', 'up', 'up', 'degraded', 'down', 'unknown'];
const MONITORS = ['api', 'callbacks', 'wallet'];

/**
 * Ten days of irregular checks for three monitors, with latencies from 0 ms to minutes, missing
 * latencies and values, written in uneven batches, with re-sent duplicates that must be ignored.
 */
function irregularChecks(now: number): { history: History; file: string; kept: StoredSample[] } {
  const rand = random(7);
  const file = files.newFile();
  const history = files.open(file, { maxBuffered: 1_000_000 });
  const kept: StoredSample[] = [];
  for (const monitorId of MONITORS) {
    for (let t = now - 10 * DAY; t <= now; t += 1 + Math.floor(rand() * 5 * MINUTE)) {
      const s = sample(monitorId, t, {
        status: STATUSES[Math.floor(rand() * STATUSES.length)] as SampleStatus,
        latencyMs: rand() < 0.1 ? null : Math.round(Math.exp(rand() * 12.5)) - 1,
        value: rand() < 0.5 ? null : Math.round(rand() * 10_000) / 100,
      });
      kept.push(s);
      history.add(s);
      if (rand() < 0.02) history.add({ ...s, status: 'down', latencyMs: 99_999, value: -1 });
      if (rand() < 0.001) history.flush();
    }
  }
  history.flush();
  return { history, file, kept };
}

interface Totals {
  up: number;
  down: number;
  unknown: number;
  latN: number;
  latSum: number;
  latMax: number;
  valueN: number;
  valueSum: number;
  hist: number[];
}

/** The aggregates worked out from the samples themselves, for comparison with the stored rollups. */
function totalsOf(samples: StoredSample[]): Totals {
  const t: Totals = {
    up: 0,
    down: 0,
    unknown: 0,
    latN: 0,
    latSum: 0,
    latMax: 0,
    valueN: 0,
    valueSum: 0,
    hist: emptyHistogram(),
  };
  for (const s of samples) {
    if (s.status === 'up' || s.status === 'degraded') t.up++;
    else if (s.status === 'down') t.down++;
    else t.unknown++;
    if (s.latencyMs !== null) {
      t.latN++;
      t.latSum += s.latencyMs;
      t.latMax = Math.max(t.latMax, s.latencyMs);
      const b = latencyBucket(s.latencyMs);
      t.hist[b] = (t.hist[b] ?? 0) + 1;
    }
    if (s.value !== null) {
      t.valueN++;
      t.valueSum += s.value;
    }
  }
  return t;
}

function nearestRankP95(samples: StoredSample[]): number {
  const sorted = samples.flatMap((s) => (s.latencyMs === null ? [] : [s.latencyMs])).sort((a, b) => a - b);
  return sorted[Math.ceil(0.95 * sorted.length) - 1] as number;
}

describe('rollups', () => {
  it.each([
    ['rollup_minute', MINUTE],
    ['rollup_hour', HOUR],
    ['rollup_day', DAY],
  ] as const)('%s holds exactly the aggregates of the raw samples in each bucket', (table, size) => {
    const { file, kept } = irregularChecks(NOON);
    const rows = files
      .inspect(file)
      .prepare(`SELECT m.config_id, r.* FROM ${table} r JOIN monitors m ON m.id = r.monitor`)
      .all();
    const expected = new Map<string, StoredSample[]>();
    for (const s of kept) {
      const key = `${s.monitorId}@${Math.floor(s.time / size) * size}`;
      expected.set(key, [...(expected.get(key) ?? []), s]);
    }
    expect(rows).toHaveLength(expected.size);
    for (const row of rows) {
      const want = totalsOf(expected.get(`${row.config_id}@${row.t}`) ?? []);
      const got = {
        up: row.up,
        down: row.down,
        unknown: row.unknown,
        latN: row.lat_n,
        latSum: row.lat_sum,
        latMax: row.lat_max,
        valueN: row.value_n,
        valueSum: row.value_sum,
        hist: emptyHistogram(),
      };
      if (table !== 'rollup_minute') addEncodedHistogram(got.hist, row.lat_hist as Uint8Array | null);
      else got.hist = want.hist;
      expect({ ...got, valueSum: 0 }).toEqual({ ...want, valueSum: 0 });
      expect(got.valueSum).toBeCloseTo(want.valueSum, 6);
    }
  });

  it.each([
    ['7d', 7 * DAY],
    ['30d', 30 * DAY],
  ] as const)(
    '%s summary from rollups: counts, uptime and average exact, p95 within one bucket',
    (window, length) => {
      const now = NOON + 17 * MINUTE + 3 * SECOND;
      const { history, kept } = irregularChecks(now);
      const from = Math.floor((now - length) / HOUR) * HOUR;
      for (const monitorId of MONITORS) {
        const inWindow = kept.filter((s) => s.monitorId === monitorId && s.time >= from && s.time <= now);
        const want = totalsOf(inWindow);
        const got = history.summary(monitorId, window, now);
        expect(got.from).toBe(from);
        expect(got.checks).toBe(inWindow.length);
        expect(got.uptime).toBeCloseTo(want.up / (want.up + want.down), 12);
        expect(got.latencyAvgMs).toBeCloseTo(want.latSum / want.latN, 9);
        const exact = nearestRankP95(inWindow);
        expect(
          Math.abs(latencyBucket(got.latencyP95Ms as number) - latencyBucket(exact)),
        ).toBeLessThanOrEqual(1);
      }
    },
  );

  it('24h summary from raw samples: exact nearest-rank p95', () => {
    const now = NOON + 17 * MINUTE + 3 * SECOND;
    const { history, kept } = irregularChecks(now);
    for (const monitorId of MONITORS) {
      const inWindow = kept.filter((s) => s.monitorId === monitorId && s.time >= now - DAY && s.time <= now);
      const want = totalsOf(inWindow);
      expect(history.summary(monitorId, '24h', now)).toEqual({
        window: '24h',
        from: now - DAY,
        to: now,
        checks: inWindow.length,
        uptime: want.up / (want.up + want.down),
        latencyAvgMs: want.latSum / want.latN,
        latencyP95Ms: nearestRankP95(inWindow),
      });
    }
  });
});

describe('RollupWriter', () => {
  /** A writer over real SQLite tables named like the levels, one monitor checked every 10 s. */
  function writerOverTables() {
    const db = new DatabaseSync(':memory:');
    for (const level of ROLLUP_LEVELS) {
      db.exec(`CREATE TABLE ${level.table} (monitor INTEGER, t INTEGER, up INTEGER, down INTEGER,
        unknown INTEGER, lat_n INTEGER, lat_sum INTEGER, lat_max INTEGER, value_n INTEGER,
        value_sum REAL${level.histogram ? ', lat_hist BLOB' : ''}, PRIMARY KEY (monitor, t))`);
    }
    const writer = new RollupWriter(db, (level) => level.table);
    const check = (time: number): RollupInput => ({
      monitor: 1,
      time,
      status: 'up',
      latencyMs: 20,
      value: null,
    });
    const checks = (table: string) => count(db, `SELECT coalesce(sum(up), 0) AS n FROM ${table}`);
    return { db, writer, check, checks };
  }

  it('writes a bucket once it has closed and keeps only the open ones in memory', () => {
    const { db, writer, check, checks } = writerOverTables();
    for (let t = NOON; t < NOON + 30 * MINUTE; t += 10 * SECOND) {
      db.exec('BEGIN');
      writer.add([check(t)]);
      writer.writeClosed();
      db.exec('COMMIT');
      writer.committed();
      // This minute's bucket (and the one just closed, until the next look), the hour's and the day's.
      expect(writer.waiting).toBeLessThanOrEqual(4);
    }
    // Every minute before the last has closed: written, six checks each.
    expect(checks('rollup_minute')).toBe(29 * 6);
    expect(checks('rollup_hour')).toBe(0);
    db.exec('BEGIN');
    writer.write();
    db.exec('COMMIT');
    writer.committed();
    expect(checks('rollup_minute')).toBe(30 * 6);
    expect(checks('rollup_hour')).toBe(30 * 6);
    expect(checks('rollup_day')).toBe(30 * 6);
  });

  it('keeps the closed buckets a rolled-back transaction wrote, and writes each once later', () => {
    const { db, writer, check, checks } = writerOverTables();
    for (let t = NOON; t < NOON + 3 * MINUTE; t += 10 * SECOND) {
      db.exec('BEGIN');
      writer.add([check(t)]);
      db.exec('COMMIT');
      writer.committed();
    }
    db.exec('BEGIN');
    writer.writeClosed();
    expect(checks('rollup_minute')).toBe(12);
    db.exec('ROLLBACK');
    writer.rolledBack();
    expect(checks('rollup_minute')).toBe(0);
    db.exec('BEGIN');
    writer.writeClosed();
    writer.write();
    db.exec('COMMIT');
    writer.committed();
    expect(checks('rollup_minute')).toBe(18);
    expect(checks('rollup_day')).toBe(18);
    expect(writer.waiting).toBe(0);
  });
});
