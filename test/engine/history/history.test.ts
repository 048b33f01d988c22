import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { HISTORY_WINDOWS } from '../../../src-main/api/history-types.ts';
import { type History, windowMs } from '../../../src-main/engine/history/history.ts';
import type { StoredSample } from '../../../src-main/engine/history/stored-sample.ts';
import { count, DAY, HOUR, historyFilesPerTest, MINUTE, NOON, SECOND, sample } from './history-fixtures.ts';

const files = historyFilesPerTest();

/**
 * One monitor's checks, newest first, with what each window should report worked out by hand.
 * Latencies in window order: 1h [100, 300]; 24h adds 50, 150; 7d adds 1000, 20; 30d adds 70.
 */
const API_CHECKS: StoredSample[] = [
  sample('api', NOON - 5 * MINUTE, { status: 'up', latencyMs: 100 }),
  sample('api', NOON - 15 * MINUTE, { status: 'degraded', latencyMs: 300 }),
  sample('api', NOON - 25 * MINUTE, { status: 'down', latencyMs: null, httpStatus: null, error: 'timeout' }),
  sample('api', NOON - 35 * MINUTE, { status: 'unknown', latencyMs: null, httpStatus: null }),
  sample('api', NOON - 2 * HOUR, { status: 'down', latencyMs: 50, httpStatus: 500 }),
  sample('api', NOON - 23 * HOUR, { status: 'up', latencyMs: 150 }),
  sample('api', NOON - 3 * DAY, { status: 'up', latencyMs: 1000 }),
  sample('api', NOON - 7 * DAY + HOUR, { status: 'down', latencyMs: 20, httpStatus: 502 }),
  sample('api', NOON - 20 * DAY, { status: 'up', latencyMs: 70 }),
  sample('api', NOON - 31 * DAY, { status: 'up', latencyMs: 5 }),
];

function withChecks(checks: StoredSample[] = API_CHECKS, options = {}): { history: History; file: string } {
  const file = files.newFile();
  const history = files.open(file, options);
  for (const s of checks) history.add(s);
  history.flush();
  return { history, file };
}

describe('window summaries', () => {
  it.each([
    // window, checks, uptime = (up + degraded) / (up + degraded + down), average latency, p95 (nearest rank)
    ['1h', 4, 2 / 3, 200, 300],
    ['24h', 6, 3 / 5, 150, 300],
    ['7d', 8, 4 / 7, 1620 / 6, 1000],
    ['30d', 9, 5 / 8, 1690 / 7, 1000],
  ] as const)('%s: %i checks, uptime %d, average %d ms, p95 %d ms', (window, checks, uptime, avg, p95) => {
    const { history } = withChecks();
    const s = history.summary('api', window, NOON);
    expect(s).toMatchObject({ window, to: NOON, checks, latencyP95Ms: p95 });
    expect(s.from).toBe(NOON - windowMs(window));
    expect(s.uptime).toBeCloseTo(uptime, 12);
    expect(s.latencyAvgMs).toBeCloseTo(avg, 9);
  });

  it('counts a check exactly at the start of a raw window and not one a millisecond earlier', () => {
    const { history } = withChecks([
      sample('edge', NOON - HOUR, { status: 'down' }),
      sample('edge', NOON - HOUR - 1, { status: 'up' }),
      sample('edge', NOON, { status: 'up' }),
    ]);
    expect(history.summary('edge', '1h', NOON)).toMatchObject({ checks: 2, uptime: 0.5 });
  });

  it('starts long windows on the hour boundary at or before now − window', () => {
    const now = NOON + 30 * MINUTE;
    const { history } = withChecks([
      sample('edge', NOON - 30 * DAY + 10 * MINUTE),
      sample('edge', NOON - 30 * DAY - 1, { status: 'down' }),
    ]);
    const s = history.summary('edge', '30d', now);
    expect(s).toMatchObject({ from: NOON - 30 * DAY, to: now, checks: 1, uptime: 1 });
  });

  it.each(HISTORY_WINDOWS)('%s: a monitor without checks has no uptime and no latency', (window) => {
    const { history } = withChecks();
    expect(history.summary('never-checked', window, NOON)).toMatchObject({
      checks: 0,
      uptime: null,
      latencyAvgMs: null,
      latencyP95Ms: null,
    });
  });

  it('has no uptime when every check was unknown, but still counts the checks', () => {
    const { history } = withChecks([
      sample('offline', NOON - MINUTE, { status: 'unknown', latencyMs: null }),
      sample('offline', NOON - 2 * MINUTE, { status: 'unknown', latencyMs: null }),
    ]);
    for (const window of HISTORY_WINDOWS) {
      expect(history.summary('offline', window, NOON)).toMatchObject({
        checks: 2,
        uptime: null,
        latencyAvgMs: null,
      });
    }
  });
});

describe('chart series', () => {
  it('buckets the last hour by the monitor’s check spacing, with nulls where nothing was measured', () => {
    const { history } = withChecks();
    // 4 checks in an hour → 15-minute buckets; the last bucket starts at now and is still empty.
    expect(history.series('api', '1h', NOON)).toEqual({
      t: [NOON - 60 * MINUTE, NOON - 45 * MINUTE, NOON - 30 * MINUTE, NOON - 15 * MINUTE, NOON],
      latencyMs: [null, null, null, (100 + 300) / 2, null],
      uptime: [null, null, 0, 1, null],
      value: [null, null, null, null, null],
    });
  });

  it('averages the primary value per bucket', () => {
    const checks = [10, 9.5, 9, 8.5, 8, 7.5].map((balance, i) =>
      sample('wallet', NOON - (6 - i) * 10 * MINUTE, { value: balance, latencyMs: 200 + i }),
    );
    const { history } = withChecks(checks);
    const s = history.series('wallet', '1h', NOON, 3);
    // Three points at most over an hour: 30-minute buckets [11:00, 11:30, 12:00].
    expect(s.t).toEqual([NOON - HOUR, NOON - 30 * MINUTE, NOON]);
    expect(s.value).toEqual([(10 + 9.5 + 9) / 3, (8.5 + 8 + 7.5) / 3, null]);
    expect(s.latencyMs).toEqual([201, 204, null]);
  });

  it.each([
    // window, spacing of checks, expected bucket size, expected points
    ['24h', 30 * SECOND, 3 * MINUTE, 24 * 20 + 1],
    ['7d', 10 * MINUTE, 30 * MINUTE, 7 * 48 + 1],
    ['30d', 10 * MINUTE, 2 * HOUR, 30 * 12 + 1],
  ] as const)(
    '%s, checks every %i ms: %i ms buckets, %i points, each averaging its checks',
    (window, every, step, points) => {
      // Latency cycles 100, 110, 120 and the third check of each cycle is down; buckets hold whole cycles.
      const checks: StoredSample[] = [];
      for (let i = 0, t = NOON - windowMs(window) - DAY; t <= NOON; i++, t += every) {
        checks.push(
          sample('steady', t, { latencyMs: 100 + (i % 3) * 10, status: i % 3 === 2 ? 'down' : 'up' }),
        );
      }
      const { history } = withChecks(checks);
      const s = history.series('steady', window, NOON);
      expect(s.t).toHaveLength(points);
      expect((s.t[1] as number) - (s.t[0] as number)).toBe(step);
      expect(s.t[0]).toBe(NOON - windowMs(window));
      for (let i = 0; i < points - 1; i++) {
        expect(s.latencyMs[i]).toBeCloseTo(110, 9);
        expect(s.uptime[i]).toBeCloseTo(2 / 3, 12);
      }
      // The last bucket starts at now and holds only the check made at now.
      expect(s.t.at(-1)).toBe(NOON);
      expect(s.latencyMs.at(-1)).not.toBeNull();
    },
  );

  it.each(HISTORY_WINDOWS)('%s: a monitor without checks gets a valid all-null series', (window) => {
    const { history } = withChecks();
    const s = history.series('never-checked', window, NOON);
    expect(s.t.length).toBeGreaterThan(1);
    expect(s.t.length).toBeLessThanOrEqual(500);
    for (const column of [s.latencyMs, s.uptime, s.value]) {
      expect(column).toHaveLength(s.t.length);
      expect(column.every((v) => v === null)).toBe(true);
    }
    expect(s.t[0]).toBeLessThanOrEqual(NOON - windowMs(window));
    expect(s.t.at(-1)).toBe(NOON);
  });

  it('never returns more than maxPoints points, whatever the window, limit and clock', () => {
    // Dense data: every second for the last hour, every minute for the 31 days before.
    const dense: StoredSample[] = [];
    for (let t = NOON - HOUR; t <= NOON; t += SECOND) dense.push(sample('dense', t));
    for (let t = NOON - 31 * DAY; t < NOON - HOUR; t += MINUTE) dense.push(sample('dense', t + 7));
    const { history } = withChecks(dense);
    for (const window of HISTORY_WINDOWS) {
      for (const maxPoints of [2, 3, 7, 60, 100, 499, 500, 1000]) {
        for (const now of [NOON, NOON + 1234, NOON - 17 * MINUTE - 3]) {
          const s = history.series('dense', window, now, maxPoints);
          const label = `${window}, maxPoints ${maxPoints}, now ${now}`;
          expect(s.t.length, label).toBeLessThanOrEqual(maxPoints);
          expect(s.t.length, label).toBeGreaterThanOrEqual(2);
          expect(
            s.latencyMs.some((v) => v !== null),
            label,
          ).toBe(true);
        }
      }
    }
  });

  it.each([0, 1, 2.5, Number.NaN])('refuses maxPoints %d', (maxPoints) => {
    const { history } = withChecks();
    expect(() => history.series('api', '24h', NOON, maxPoints)).toThrow(RangeError);
  });
});

describe('writing', () => {
  it('buffers samples until maxBuffered is reached, then writes them all to the file', () => {
    const file = files.newFile();
    const history = files.open(file, { maxBuffered: 3, flushIntervalMs: 3_600_000 });
    const db = files.inspect(file);
    history.add(sample('a', NOON));
    history.addStateChange({
      monitorId: 'a',
      time: NOON,
      from: 'unknown',
      to: 'ok',
      reason: 'all rules pass',
    });
    expect(count(db, 'SELECT count(*) AS n FROM samples')).toBe(0);
    history.add(sample('a', NOON + SECOND));
    expect(count(db, 'SELECT count(*) AS n FROM samples')).toBe(2);
    expect(count(db, 'SELECT count(*) AS n FROM state_changes')).toBe(1);
  });

  it('writes buffered samples on the flush timer', async () => {
    const file = files.newFile();
    const history = files.open(file, { flushIntervalMs: 20 });
    const db = files.inspect(file);
    history.add(sample('a', NOON));
    await vi.waitFor(() => expect(count(db, 'SELECT count(*) AS n FROM samples')).toBe(1));
  });

  it('keeps the first of two samples with the same monitor and time, without throwing', () => {
    const { history } = withChecks([
      sample('dup', NOON, { status: 'up', latencyMs: 100 }),
      sample('dup', NOON, { status: 'down', latencyMs: 900 }),
    ]);
    expect(() => {
      history.add(sample('dup', NOON, { status: 'down', latencyMs: 700 }));
      history.flush();
    }).not.toThrow();
    expect(history.recentSamples('dup', 10)).toEqual([sample('dup', NOON, { status: 'up', latencyMs: 100 })]);
    expect(history.summary('dup', '24h', NOON)).toMatchObject({ checks: 1, uptime: 1 });
    expect(history.summary('dup', '30d', NOON)).toMatchObject({ checks: 1, uptime: 1, latencyAvgMs: 100 });
  });

  it('stores an error text verbatim, once however often it recurs', () => {
    const weird = `HTTP 500 — "bad"\n\t'); DROP TABLE samples; -- ✓ 日本 ${'x'.repeat(10_000)}`;
    const { history, file } = withChecks([
      sample('e', NOON - 2 * SECOND, { status: 'down', error: weird }),
      sample('e', NOON - SECOND, { status: 'down', error: weird }),
      sample('e', NOON, { status: 'down', error: '' }),
    ]);
    expect(history.recentSamples('e', 3).map((s) => s.error)).toEqual(['', weird, weird]);
    expect(count(files.inspect(file), 'SELECT count(*) AS n FROM errors')).toBe(2);
  });

  it('rounds latency to whole milliseconds and stores a non-finite value as no value', () => {
    const { history } = withChecks([
      sample('r', NOON - SECOND, { latencyMs: 12.6, value: Number.NaN }),
      sample('r', NOON, { latencyMs: 0.4, value: Number.POSITIVE_INFINITY }),
    ]);
    expect(history.recentSamples('r', 2).map((s) => [s.latencyMs, s.value])).toEqual([
      [0, null],
      [13, null],
    ]);
  });

  it.each([
    ['an empty monitor id', { monitorId: '' }],
    ['a fractional time', { time: NOON + 0.5 }],
    ['a negative time', { time: -1 }],
    ['an unknown status', { status: 'sideways' }],
    ['a negative latency', { latencyMs: -3 }],
    ['a NaN latency', { latencyMs: Number.NaN }],
    ['a fractional HTTP status', { httpStatus: 200.5 }],
  ])('rejects a sample with %s and stores nothing', (_, bad) => {
    const { history } = withChecks([]);
    expect(() => history.add({ ...sample('v', NOON), ...(bad as Partial<StoredSample>) })).toThrow(TypeError);
    history.add(sample('v', NOON - 1));
    expect(history.recentSamples('v', 10)).toHaveLength(1);
  });

  it('rejects a state change to an unknown state', () => {
    const { history } = withChecks([]);
    expect(() =>
      history.addStateChange({
        monitorId: 'v',
        time: NOON,
        from: 'ok',
        to: 'on-fire' as 'critical',
        reason: '',
      }),
    ).toThrow(TypeError);
  });
});

describe('failed writes', () => {
  it('keeps the batch when the file is locked, and writes it once the lock is gone', () => {
    const file = files.newFile();
    const history = files.open(file, { busyTimeoutMs: 10 });
    const other = files.inspect(file, false);
    other.exec('BEGIN IMMEDIATE');
    history.add(sample('locked', NOON));
    expect(() => history.flush()).toThrow(/locked|busy/i);
    other.exec('ROLLBACK');
    history.flush();
    expect(history.recentSamples('locked', 5)).toEqual([sample('locked', NOON)]);
  });

  it('rolls a failing batch back whole and retries it intact', () => {
    const file = files.newFile();
    const history = files.open(file);
    const other = files.inspect(file, false);
    other.exec(
      `CREATE TRIGGER fail BEFORE INSERT ON state_changes BEGIN SELECT RAISE(ABORT, 'disk on fire'); END`,
    );
    history.add(sample('new-monitor', NOON, { error: 'new error text' }));
    history.addStateChange({
      monitorId: 'new-monitor',
      time: NOON,
      from: 'unknown',
      to: 'critical',
      reason: 'down',
    });
    expect(() => history.flush()).toThrow(/disk on fire/);
    expect(count(other, 'SELECT count(*) AS n FROM samples')).toBe(0);
    expect(count(other, 'SELECT count(*) AS n FROM monitors')).toBe(0);
    other.exec('DROP TRIGGER fail');
    // A monitor first seen after the failure must not reuse an id handed out in the rolled-back batch.
    history.add(sample('other-monitor', NOON, { latencyMs: 5 }));
    history.flush();
    expect(history.recentSamples('new-monitor', 5)).toEqual([
      sample('new-monitor', NOON, { error: 'new error text' }),
    ]);
    expect(history.recentSamples('other-monitor', 5)).toEqual([
      sample('other-monitor', NOON, { latencyMs: 5 }),
    ]);
    expect(history.stateChanges('new-monitor', 0, NOON)).toHaveLength(1);
    expect(history.summary('new-monitor', '30d', NOON).checks).toBe(1);
  });

  it('answers reads from what is stored while writes fail, reporting the failure instead of throwing', () => {
    const file = files.newFile();
    const errors: Error[] = [];
    const history = files.open(file, { busyTimeoutMs: 10, onError: (e) => errors.push(e) });
    history.add(sample('a', NOON - 2 * SECOND));
    history.flush();
    const other = files.inspect(file, false);
    other.exec('BEGIN IMMEDIATE');
    history.add(sample('a', NOON - SECOND));
    expect(history.summary('a', '1h', NOON).checks).toBe(1);
    expect(errors).toHaveLength(1);
    other.exec('ROLLBACK');
    history.flush();
    expect(history.summary('a', '1h', NOON).checks).toBe(2);
  });

  it('drops the oldest samples beyond 100,000 while writes keep failing, and says so', () => {
    const file = files.newFile();
    const errors: Error[] = [];
    const history = files.open(file, { busyTimeoutMs: 10, maxBuffered: 1, onError: (e) => errors.push(e) });
    const other = files.inspect(file, false);
    other.exec('BEGIN IMMEDIATE');
    for (let i = 0; i < 100_005; i++) history.add(sample('a', i));
    expect(() => history.flush()).toThrow(/locked/);
    expect(errors.map((e) => e.message)).toContain('history: dropped 5 samples that could not be written');
    other.exec('ROLLBACK');
    history.flush();
    expect(history.recentSamples('a', 1)[0]?.time).toBe(100_004);
    expect(count(other, 'SELECT count(*) AS n FROM samples')).toBe(100_000);
    expect(count(other, 'SELECT min(t) AS n FROM samples')).toBe(5);
  });

  it('reports automatic flush failures to onError instead of throwing from add', async () => {
    const file = files.newFile();
    const errors: Error[] = [];
    const history = files.open(file, {
      busyTimeoutMs: 10,
      flushIntervalMs: 20,
      maxBuffered: 1,
      onError: (e) => errors.push(e),
    });
    const other = files.inspect(file, false);
    other.exec('BEGIN IMMEDIATE');
    expect(() => history.add(sample('a', NOON))).not.toThrow();
    expect(() => history.add(sample('a', NOON + 1))).not.toThrow();
    await vi.waitFor(() => expect(errors.length).toBeGreaterThan(0));
    other.exec('ROLLBACK');
    await vi.waitFor(() => expect(count(other, 'SELECT count(*) AS n FROM samples')).toBe(2));
    expect(errors[0]?.message).toMatch(/locked|busy/i);
  });
});

describe('failed writes from the flush timer', () => {
  it('keeps every row while another connection holds the file exclusively, says so once, then writes them all', async () => {
    const file = files.newFile();
    const errors: Error[] = [];
    const logs: string[] = [];
    const history = files.open(file, {
      busyTimeoutMs: 10,
      flushIntervalMs: 20,
      onError: (e) => errors.push(e),
      log: (line) => logs.push(line),
    });
    const other = files.inspect(file, false);
    other.exec('BEGIN EXCLUSIVE');
    history.add(sample('locked', NOON, { status: 'down', error: 'HTTP 503' }));
    history.addStateChange({
      monitorId: 'locked',
      time: NOON,
      from: 'ok',
      to: 'critical',
      reason: 'HTTP 503',
    });
    history.addAlertEvent({
      monitorId: 'locked',
      ruleId: 'status',
      time: NOON,
      kind: 'fired',
      severity: 'critical',
      message: 'HTTP 503',
    });
    // Several timer flushes fail while the lock is held; one report for the whole row of failures.
    await vi.waitFor(() => expect(errors).toHaveLength(1));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toMatch(/locked|busy/i);
    history.add(sample('locked', NOON + SECOND));
    other.exec('COMMIT');
    await vi.waitFor(() => expect(count(other, 'SELECT count(*) AS n FROM samples')).toBe(2));
    expect(count(other, 'SELECT count(*) AS n FROM state_changes')).toBe(1);
    expect(count(other, 'SELECT count(*) AS n FROM alert_events')).toBe(1);
    expect(logs).toEqual([expect.stringMatching(/^history: writes work again after \d+ failed attempts$/)]);
    expect(Number(/after (\d+)/.exec(logs[0] ?? '')?.[1])).toBeGreaterThan(1);
    expect(history.recentSamples('locked', 5).map((s) => s.error)).toEqual([null, 'HTTP 503']);
  });

  it('drops only samples beyond the cap, never state changes or alert events', () => {
    const file = files.newFile();
    const errors: Error[] = [];
    const history = files.open(file, { busyTimeoutMs: 10, onError: (e) => errors.push(e), log: () => {} });
    const other = files.inspect(file, false);
    other.exec('BEGIN EXCLUSIVE');
    for (let i = 0; i < 3; i++) {
      history.addStateChange({ monitorId: 'a', time: i, from: 'ok', to: 'critical', reason: `change ${i}` });
      history.addAlertEvent({
        monitorId: 'a',
        ruleId: 'r',
        time: i,
        kind: 'fired',
        severity: 'critical',
        message: '',
      });
    }
    for (let i = 0; i < 100_010; i++) history.add(sample('a', i));
    expect(() => history.flush()).toThrow(/locked/);
    other.exec('COMMIT');
    history.flush();
    expect(errors.map((e) => e.message)).toContain('history: dropped 10 samples that could not be written');
    expect(count(other, 'SELECT count(*) AS n FROM samples')).toBe(100_000);
    expect(count(other, 'SELECT count(*) AS n FROM state_changes')).toBe(3);
    expect(count(other, 'SELECT count(*) AS n FROM alert_events')).toBe(3);
  });

  it('survives an error handler that throws', async () => {
    const file = files.newFile();
    let calls = 0;
    const history = files.open(file, {
      busyTimeoutMs: 10,
      flushIntervalMs: 20,
      log: () => {},
      onError: () => {
        calls++;
        throw new Error('handler broke');
      },
    });
    const other = files.inspect(file, false);
    other.exec('BEGIN EXCLUSIVE');
    history.add(sample('a', NOON));
    await vi.waitFor(() => expect(calls).toBe(1));
    other.exec('COMMIT');
    await vi.waitFor(() => expect(count(other, 'SELECT count(*) AS n FROM samples')).toBe(1));
  });
});

describe('reading back', () => {
  it('returns recent samples newest first, all fields intact', () => {
    const { history } = withChecks();
    const recent = history.recentSamples('api', 3);
    expect(recent).toEqual(API_CHECKS.slice(0, 3));
    expect(history.recentSamples('api', 0)).toEqual([]);
    expect(history.recentSamples('never-checked', 5)).toEqual([]);
  });

  it('sees samples that were added but not yet flushed', () => {
    const file = files.newFile();
    const history = files.open(file, { flushIntervalMs: 3_600_000 });
    history.add(sample('fresh', NOON));
    expect(history.recentSamples('fresh', 1)).toHaveLength(1);
  });

  it('lists state changes newest first, per monitor or for all, within [from, to]', () => {
    const { history } = withChecks([]);
    const change = (monitorId: string, time: number, to: 'ok' | 'critical') =>
      history.addStateChange({
        monitorId,
        time,
        from: to === 'ok' ? 'critical' : 'ok',
        to,
        reason: `went ${to}`,
      });
    change('a', NOON - 3 * HOUR, 'critical');
    change('b', NOON - 2 * HOUR, 'critical');
    change('a', NOON - HOUR, 'ok');
    change('a', NOON + HOUR, 'critical');
    expect(history.stateChanges('a', NOON - 3 * HOUR, NOON).map((c) => c.time)).toEqual([
      NOON - HOUR,
      NOON - 3 * HOUR,
    ]);
    expect(history.stateChanges(null, 0, NOON).map((c) => [c.monitorId, c.to])).toEqual([
      ['a', 'ok'],
      ['b', 'critical'],
      ['a', 'critical'],
    ]);
    expect(history.stateChanges(null, 0, NOON, 1)).toEqual([
      { monitorId: 'a', time: NOON - HOUR, from: 'critical', to: 'ok', reason: 'went ok' },
    ]);
    expect(history.stateChanges('nobody', 0, NOON)).toEqual([]);
  });

  it('stores alert events for the alert layer', () => {
    const { history } = withChecks([]);
    const event = {
      monitorId: 'wallet',
      ruleId: 'balance-low',
      time: NOON,
      kind: 'fired',
      severity: 'warning',
      message: 'Balance 8.42 < 10',
    };
    history.addAlertEvent(event);
    history.addAlertEvent({ ...event, monitorId: 'api', time: NOON + 1, kind: 'recovered' });
    expect(history.alertEvents('wallet', 0, NOON)).toEqual([event]);
    expect(history.alertEvents(null, 0, NOON + 1).map((e) => e.kind)).toEqual(['recovered', 'fired']);
  });

  it('keeps everything when the file is closed and opened again', () => {
    const { history, file } = withChecks();
    history.addStateChange({ monitorId: 'api', time: NOON, from: 'ok', to: 'warning', reason: 'slow' });
    const before = HISTORY_WINDOWS.map((w) => [
      history.summary('api', w, NOON),
      history.series('api', w, NOON),
    ]);
    history.close();
    const again = files.open(file);
    expect(HISTORY_WINDOWS.map((w) => [again.summary('api', w, NOON), again.series('api', w, NOON)])).toEqual(
      before,
    );
    expect(again.recentSamples('api', 100)).toEqual(API_CHECKS);
    expect(again.stateChanges('api', 0, NOON)).toHaveLength(1);
  });
});

describe('opening and closing', () => {
  it('names the file when it cannot be opened', () => {
    const file = join(dirname(files.newFile()), 'missing-dir', 'history.sqlite');
    expect(() => files.open(file)).toThrow(`cannot open history database ${file}`);
  });

  it('flushes, checkpoints the WAL away and refuses further writes', () => {
    const file = files.newFile();
    const history = files.open(file, { flushIntervalMs: 3_600_000 });
    history.add(sample('a', NOON));
    history.close();
    expect(existsSync(`${file}-wal`)).toBe(false);
    expect(count(files.inspect(file), 'SELECT count(*) AS n FROM samples')).toBe(1);
    expect(() => history.add(sample('a', NOON + 1))).toThrow(/closed/);
    expect(() => history.close()).not.toThrow();
  });

  it('reports its size as page_count × page_size', () => {
    const { history, file } = withChecks();
    const db = files.inspect(file);
    const pages = db.prepare('PRAGMA page_count').get() as { page_count: number };
    const size = db.prepare('PRAGMA page_size').get() as { page_size: number };
    expect(history.sizeBytes()).toBe(pages.page_count * size.page_size);
  });
});
