import { describe, expect, it } from 'vitest';
import { HISTORY_WINDOWS, type PipelineHistory } from '../../../src-main/api/history-types.ts';
import { DAY, HOUR, MINUTE } from '../../../src-main/engine/history/time-buckets.ts';
import { feed, setup } from './pipeline-fixtures.ts';

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

describe('pipeline history', () => {
  it('gives each window a series whose buckets add up to its totals', () => {
    const s = setup();
    feed(s, 3 * 24);
    const now = s.clock.now();
    for (const window of HISTORY_WINDOWS) {
      const h = s.intake.history('solver', window, now) as PipelineHistory;
      const { series, totals } = h;
      expect(series.t.length).toBeLessThanOrEqual(500);
      for (const key of ['completed', 'failed', 'duplicates', 'refused'] as const) {
        expect(sum(series[key]), `${window} ${key}`).toBe(totals[key]);
      }
      for (const key of [
        'completed',
        'failed',
        'successRate',
        'solveP95Ms',
        'duplicates',
        'refused',
      ] as const) {
        expect(series[key]).toHaveLength(series.t.length);
      }
      expect((series.t[1] ?? 0) - (series.t[0] ?? 0)).toBe(series.stepMs);
      expect(totals.completed).toBe(2 * totals.failed);
      expect(totals.duplicates).toBe(totals.failed);
      expect(totals.successRate).toBeCloseTo(2 / 3);
      if (window !== '1h') {
        // A day or more holds solve times from 5 s to 44 s: the p95 lies in the exact one's histogram bucket.
        expect(totals.solveP95Ms).toBeGreaterThan(30_000);
        expect(totals.solveP95Ms).toBeLessThanOrEqual(44_000);
      }
      expect(h.errors.map((e) => e.code)).toEqual(['ERROR_CAPTCHA_UNSOLVABLE', 'ERROR_TIMEOUT']);
      expect(sum(h.errors.map((e) => e.count))).toBe(totals.failed);
    }
    const hour = s.intake.history('solver', '1h', now) as PipelineHistory;
    expect(hour.series.stepMs).toBe(MINUTE);
    // One batch every 7 minutes: 2 completed, 1 failed in its minute, nothing in between.
    const busy = hour.series.completed.flatMap((n, i) => (n > 0 ? [i] : []));
    expect(busy.length).toBeGreaterThanOrEqual(8);
    for (const i of busy) {
      expect(hour.series.failed[i]).toBe(1);
      expect(hour.series.successRate[i]).toBeCloseTo(2 / 3);
    }
    expect(hour.series.successRate.filter((v) => v === null).length).toBe(hour.series.t.length - busy.length);
    const day = s.intake.history('solver', '24h', now) as PipelineHistory;
    const threeDays = s.intake.history('solver', '30d', now) as PipelineHistory;
    expect(day.totals.completed).toBeLessThan(threeDays.totals.completed);
  });

  it('reads 7 and 30 days from hour buckets, so they outlive the minutes', () => {
    const s = setup();
    const fed = feed(s, 30 * 24 - 2);
    const now = s.clock.now();
    const month = s.intake.history('solver', '30d', now) as PipelineHistory;
    const week = s.intake.history('solver', '7d', now) as PipelineHistory;
    expect(month.totals).toMatchObject(fed);
    expect(month.series.stepMs % HOUR).toBe(0);
    // 30 days of hours are 720 rows: no chart bucket is finer than an hour.
    expect(month.series.t.length).toBeLessThanOrEqual(721);
    expect(week.series.stepMs % HOUR).toBe(0);
    s.db.exec('DELETE FROM pipeline_minutes; DELETE FROM pipeline_minute_errors');
    expect(s.intake.history('solver', '30d', now)).toEqual(month);
    expect(s.intake.history('solver', '7d', now)).toEqual(week);
    expect(s.intake.history('solver', '1h', now)?.totals.completed).toBe(0);
  });

  it('drops the 30-day buckets past hourRollupDays', () => {
    const s = setup();
    feed(s, 2 * 24);
    const later = s.clock.now() + 3 * DAY;
    expect(s.intake.history('solver', '30d', later)?.totals.completed).toBeGreaterThan(0);
    s.intake.prune(later, { rawDays: 1, minuteRollupDays: 1, hourRollupDays: 1 });
    expect(s.intake.history('solver', '30d', later)?.totals).toEqual({
      completed: 0,
      failed: 0,
      successRate: null,
      solveP95Ms: null,
      duplicates: 0,
      refused: 0,
    });
  });

  it('has nothing for a monitor that is not a pipeline', () => {
    const s = setup();
    expect(s.intake.history('api', '24h', s.clock.now())).toBeUndefined();
    expect(s.intake.history('gone', '24h', s.clock.now())).toBeUndefined();
  });
});
