import { describe, expect, it } from 'vitest';
import {
  fromFirstReading,
  fromFirstResult,
  isolatedPoints,
  trimGaps,
  valueRange,
} from '../../../src-renderer/charts/chart-data.ts';

describe('points drawn as dots', () => {
  it.each([
    ['a single reading', [null, null, 4, null], [2]],
    ['a reading at either edge', [3, null, null, 5], [0, 3]],
    ['readings that form a line', [null, 3, 4, null], []],
    ['a lone reading beside a line', [1, 2, null, 7, null, null], [3]],
    ['no readings', [null, null], []],
    ['a lone zero', [null, 0, null], [1]],
  ] as const)('%s: %j → %j', (_case, values, dots) => {
    expect(isolatedPoints(values)).toEqual(dots);
  });
});

describe('the y range', () => {
  it.each([
    ['one reading of 14 ms', 14, 14, [0, 15.4]],
    ['readings between 2 and 10', 2, 10, [0, 11]],
    ['readings across zero', -2, 10, [-3.2, 11.2]],
    ['only negative readings', -5, -1, [-5.5, 0]],
    ['only zeros', 0, 0, [0, 1]],
    ['nothing in view', Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, [0, 1]],
    ['no extremes', null, null, [0, 1]],
  ] as const)('%s → %j', (_case, min, max, range) => {
    const [lo, hi] = valueRange(min, max);
    expect(lo).toBeCloseTo(range[0]);
    expect(hi).toBeCloseTo(range[1]);
  });
});

describe('a sparkline’s series', () => {
  it('runs from the first reading to the last, keeping gaps between them', () => {
    expect(trimGaps([1, 2, 3, 4, 5, 6], [null, 5, null, 7, null, null])).toEqual({
      times: [2, 3, 4],
      values: [5, null, 7],
    });
  });

  it('is empty without readings', () => {
    expect(trimGaps([1, 2], [null, null])).toEqual({ times: [], values: [] });
  });
});

describe('a history window’s series', () => {
  const series = {
    t: [1, 2, 3, 4, 5],
    latencyMs: [null, null, 12, null, 14],
    uptime: [null, null, 1, null, 1],
    value: [null, null, null, 7, null],
  };

  it('starts at the first bucket with any reading and keeps the end of the window', () => {
    expect(fromFirstReading(series)).toEqual({
      t: [3, 4, 5],
      latencyMs: [12, null, 14],
      uptime: [1, null, 1],
      value: [null, 7, null],
    });
  });

  it('keeps two buckets when the only reading is in the last one, so the chart has a span', () => {
    const late = {
      t: [1, 2, 3],
      latencyMs: [null, null, 5],
      uptime: [null, null, 1],
      value: [null, null, null],
    };
    expect(fromFirstReading(late).t).toEqual([2, 3]);
  });

  it('is unchanged when the window starts with a reading or has none', () => {
    const full = { ...series, latencyMs: [9, null, 12, null, 14] };
    expect(fromFirstReading(full)).toBe(full);
    const none = { t: [1, 2], latencyMs: [null, null], uptime: [null, null], value: [null, null] };
    expect(fromFirstReading(none)).toBe(none);
  });
});

describe('from the first reading, with beats', () => {
  it("keeps a heartbeat's beats aligned with the buckets it keeps", () => {
    const series = {
      t: [0, 10, 20, 30],
      latencyMs: [null, null, null, null],
      uptime: [null, null, 1, 1],
      value: [null, null, 4, 2],
      beats: [null, 1, 0, 1],
    };
    expect(fromFirstReading(series)).toEqual({
      t: [10, 20, 30],
      latencyMs: [null, null, null],
      uptime: [null, 1, 1],
      value: [null, 4, 2],
      beats: [1, 0, 1],
    });
  });
});

describe('a pipeline window’s series', () => {
  const series = {
    t: [1, 2, 3, 4],
    stepMs: 60_000,
    completed: [0, 0, 0, 5],
    failed: [0, 0, 1, 0],
    successRate: [null, null, 0, 1],
    solveP95Ms: [null, null, null, 900],
    duplicates: [0, 0, 0, 0],
    refused: [0, 0, 0, 0],
  };

  it('starts at the first bucket with a result', () => {
    expect(fromFirstResult(series)).toEqual({
      t: [3, 4],
      stepMs: 60_000,
      completed: [0, 5],
      failed: [1, 0],
      successRate: [0, 1],
      solveP95Ms: [null, 900],
      duplicates: [0, 0],
      refused: [0, 0],
    });
  });

  it('counts a refused event as something in the bucket, and is unchanged when nothing came', () => {
    expect(fromFirstResult({ ...series, refused: [0, 2, 0, 0] }).t).toEqual([2, 3, 4]);
    const quiet = { ...series, completed: [0, 0, 0, 0], failed: [0, 0, 0, 0] };
    expect(fromFirstResult(quiet)).toBe(quiet);
  });
});
