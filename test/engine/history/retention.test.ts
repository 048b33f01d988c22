import type { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import type { History } from '../../../src-main/engine/history/history.ts';
import type { Retention } from '../../../src-main/engine/history/retention.ts';
import { count, DAY, HOUR, historyFilesPerTest, MINUTE, NOON, SECOND, sample } from './history-fixtures.ts';

const files = historyFilesPerTest();

const RETENTION: Retention = { rawDays: 1, minuteRollupDays: 2, hourRollupDays: 3 };
const RAW_CUTOFF = NOON - 1 * DAY;
const MINUTE_CUTOFF = NOON - 2 * DAY;
const HOUR_CUTOFF = NOON - 3 * DAY;

function setUp(): { history: History; db: DatabaseSync } {
  const file = files.newFile();
  const history = files.open(file);
  return { history, db: files.inspect(file) };
}

const times = (db: DatabaseSync, table: string) =>
  (db.prepare(`SELECT t FROM ${table} ORDER BY t`).all() as { t: number }[]).map((r) => r.t);

describe('retention', () => {
  it('deletes raw samples older than rawDays and keeps one exactly at the cutoff', () => {
    const { history, db } = setUp();
    history.add(sample('a', RAW_CUTOFF - 1));
    history.add(sample('a', RAW_CUTOFF));
    history.add(sample('b', RAW_CUTOFF - DAY));
    expect(history.prune(NOON, RETENTION).raw).toBe(2);
    expect(times(db, 'samples')).toEqual([RAW_CUTOFF]);
  });

  it.each([
    // table, cutoff, bucket size
    ['rollup_minute', MINUTE_CUTOFF, MINUTE],
    ['rollup_hour', HOUR_CUTOFF, HOUR],
    ['rollup_day', HOUR_CUTOFF, DAY],
  ] as const)(
    '%s: deletes buckets that ended by the cutoff, keeps the one spanning it',
    (table, cutoff, size) => {
      const { history, db } = setUp();
      const spanning = Math.floor(cutoff / size) * size;
      history.add(sample('a', spanning - 1));
      history.add(sample('a', cutoff));
      history.add(sample('a', cutoff - 10 * DAY));
      history.prune(NOON, RETENTION);
      expect(times(db, table)).toEqual([spanning]);
    },
  );

  it('deletes a minute bucket ending exactly at a cutoff that falls mid-minute', () => {
    const { history, db } = setUp();
    const now = NOON + 30 * SECOND;
    history.add(sample('a', MINUTE_CUTOFF - 1));
    history.add(sample('a', MINUTE_CUTOFF + 10 * SECOND));
    history.prune(now, RETENTION);
    // The cutoff is 2 days before now, half-way through the minute starting at MINUTE_CUTOFF.
    expect(times(db, 'rollup_minute')).toEqual([MINUTE_CUTOFF]);
  });

  it('keeps state changes and alert events for hourRollupDays', () => {
    const { history, db } = setUp();
    for (const time of [HOUR_CUTOFF - 1, HOUR_CUTOFF]) {
      history.addStateChange({ monitorId: 'a', time, from: 'ok', to: 'critical', reason: 'down' });
      history.addAlertEvent({
        monitorId: 'a',
        ruleId: 'status',
        time,
        kind: 'fired',
        severity: 'critical',
        message: '',
      });
    }
    const result = history.prune(NOON, RETENTION);
    expect(result).toMatchObject({ stateChanges: 1, alertEvents: 1 });
    expect(times(db, 'state_changes')).toEqual([HOUR_CUTOFF]);
    expect(times(db, 'alert_events')).toEqual([HOUR_CUTOFF]);
  });

  it('deletes error texts no remaining sample refers to', () => {
    const { history, db } = setUp();
    history.add(sample('a', RAW_CUTOFF - 1, { status: 'down', error: 'old failure' }));
    history.add(sample('a', RAW_CUTOFF - 2, { status: 'down', error: 'still seen' }));
    history.add(sample('a', RAW_CUTOFF, { status: 'down', error: 'still seen' }));
    expect(history.prune(NOON, RETENTION).errors).toBe(1);
    expect(db.prepare('SELECT text FROM errors').all()).toEqual([{ text: 'still seen' }]);
    // A pruned text seen again is stored again.
    history.add(sample('a', NOON, { status: 'down', error: 'old failure' }));
    expect(history.recentSamples('a', 1)[0]?.error).toBe('old failure');
  });

  it('deletes more rows than one batch, for every monitor, and reports the counts', () => {
    const { history, db } = setUp();
    for (let i = 0; i < 12_001; i++) history.add(sample('busy', RAW_CUTOFF - 1 - i * SECOND));
    for (let i = 0; i < 10; i++) history.add(sample(`quiet-${i}`, RAW_CUTOFF - 1 - i * SECOND));
    history.add(sample('busy', RAW_CUTOFF));
    const result = history.prune(NOON, RETENTION);
    expect(result.raw).toBe(12_011);
    expect(count(db, 'SELECT count(*) AS n FROM samples')).toBe(1);
    expect(history.prune(NOON, RETENTION)).toEqual({
      raw: 0,
      minute: 0,
      hour: 0,
      day: 0,
      stateChanges: 0,
      alertEvents: 0,
      errors: 0,
    });
  });

  it('keeps long-window summaries once raw samples are gone', () => {
    const { history } = setUp();
    for (let t = NOON - 2 * DAY; t <= NOON; t += 10 * MINUTE) {
      history.add(sample('a', t, { latencyMs: 100 + (t % 7), status: t % 3 === 0 ? 'down' : 'up' }));
    }
    const before = [history.summary('a', '7d', NOON), history.series('a', '7d', NOON)];
    history.prune(NOON, { rawDays: 1, minuteRollupDays: 30, hourRollupDays: 30 });
    expect([history.summary('a', '7d', NOON), history.series('a', '7d', NOON)]).toEqual(before);
  });

  it.each([
    { rawDays: 0, minuteRollupDays: 2, hourRollupDays: 3 },
    { rawDays: 1, minuteRollupDays: -2, hourRollupDays: 3 },
    { rawDays: 1, minuteRollupDays: 2, hourRollupDays: Number.NaN },
  ])('refuses retention %o and deletes nothing', (retention) => {
    const { history, db } = setUp();
    history.add(sample('a', NOON - 100 * DAY));
    expect(() => history.prune(NOON, retention)).toThrow(RangeError);
    expect(count(db, 'SELECT count(*) AS n FROM samples')).toBe(1);
  });
});
