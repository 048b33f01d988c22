import { describe, expect, it } from 'vitest';
import { type BalancePoint, burnRate } from '../../../src-main/engine/balance/burn-rate.ts';

const H = 3_600_000;
const NOW = 100 * H;
/** Readings given as [hours before now, balance]. */
const at = (...readings: Array<[number, number]>): BalancePoint[] =>
  readings.map(([hoursAgo, balance]) => ({ time: NOW - hoursAgo * H, balance }));

describe('burnRate', () => {
  it.each([
    ['a steady decline', at([4, 20], [3, 19], [2, 18], [1, 17], [0, 16]), { perHour: 1, hoursToEmpty: 16 }],
    ['readings in any order', at([0, 16], [2, 18], [4, 20]), { perHour: 1, hoursToEmpty: 16 }],
    [
      'only the spend since the last top-up',
      at([5, 3], [4, 2], [3, 50], [2, 48], [0, 44]),
      { perHour: 2, hoursToEmpty: 22 },
    ],
    ['a top-up as the newest reading', at([2, 5], [1, 4], [0, 40]), { perHour: null, hoursToEmpty: null }],
    [
      'several top-ups',
      at([5, 9], [4, 30], [3, 29], [2, 60], [1, 57], [0, 54]),
      { perHour: 3, hoursToEmpty: 18 },
    ],
    ['a flat balance', at([3, 10], [2, 10], [0, 10]), { perHour: 0, hoursToEmpty: null }],
    ['a single reading', at([0, 10]), { perHour: null, hoursToEmpty: null }],
    ['no readings', [], { perHour: null, hoursToEmpty: null }],
    ['two readings at the same time', at([0, 10], [0, 9]), { perHour: null, hoursToEmpty: null }],
    [
      'readings older than the window',
      at([30, 100], [8, 50], [1, 11], [0, 10]),
      { perHour: 1, hoursToEmpty: 10 },
    ],
    ['readings from the future', at([-1, 1], [2, 12], [0, 10]), { perHour: 1, hoursToEmpty: 10 }],
    ['an empty balance', at([2, 2], [0, 0]), { perHour: 1, hoursToEmpty: 0 }],
    ['an overdrawn balance', at([2, 1], [0, -1]), { perHour: 1, hoursToEmpty: 0 }],
    [
      'non-finite readings',
      [...at([2, 12], [0, 10]), { time: NOW - H, balance: Number.NaN }],
      { perHour: 1, hoursToEmpty: 10 },
    ],
  ])('handles %s', (_name, points, expected) => {
    const result = burnRate(points, NOW);
    if (expected.perHour === null) expect(result.perHour).toBeNull();
    else expect(result.perHour).toBeCloseTo(expected.perHour, 9);
    if (expected.hoursToEmpty === null) expect(result.hoursToEmpty).toBeNull();
    else expect(result.hoursToEmpty).toBeCloseTo(expected.hoursToEmpty, 9);
  });

  it('never reports negative spend, whatever the readings', () => {
    const points = at([5, 1], [4, 9], [3, 2], [2, 30], [1, 31], [0, 35]);
    for (let n = 1; n <= points.length; n++) {
      const { perHour, hoursToEmpty } = burnRate(points.slice(0, n), NOW);
      if (perHour !== null) expect(perHour).toBeGreaterThanOrEqual(0);
      if (hoursToEmpty !== null) expect(hoursToEmpty).toBeGreaterThanOrEqual(0);
    }
  });

  it('takes the window as a parameter', () => {
    expect(burnRate(at([3, 13], [1, 11], [0, 10]), NOW, 2 * H).perHour).toBeCloseTo(1, 9);
  });
});
