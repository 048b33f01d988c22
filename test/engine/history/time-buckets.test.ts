import { describe, expect, it } from 'vitest';
import { bucketsTouched, chooseStep } from '../../../src-main/engine/history/time-buckets.ts';
import { DAY, HOUR, MINUTE, NOON, SECOND } from './history-fixtures.ts';

describe('chart bucket sizes', () => {
  it.each([
    // window, maxPoints, minimum step, expected step: the smallest round step giving ≤ maxPoints buckets
    [HOUR, 500, SECOND, 10 * SECOND],
    [DAY, 500, SECOND, 3 * MINUTE],
    [7 * DAY, 500, MINUTE, 30 * MINUTE],
    [30 * DAY, 500, MINUTE, 2 * HOUR],
    [HOUR, 500, 45 * SECOND, MINUTE],
    [HOUR, 2, SECOND, HOUR],
    [30 * DAY, 2, MINUTE, 30 * DAY],
  ])('window %i ms, %i points, at least %i ms → %i ms', (window, maxPoints, minStep, step) => {
    expect(chooseStep(NOON - window, NOON, maxPoints, minStep)).toBe(step);
  });

  it('counts the epoch-aligned buckets a span touches, both ends included', () => {
    expect(bucketsTouched(NOON - HOUR, NOON, 15 * MINUTE)).toBe(5);
    expect(bucketsTouched(NOON - HOUR + 1, NOON - 1, 15 * MINUTE)).toBe(4);
    expect(bucketsTouched(NOON, NOON, HOUR)).toBe(1);
  });

  it('keeps every window within maxPoints at any clock time', () => {
    for (const window of [HOUR, DAY, 7 * DAY, 30 * DAY]) {
      for (const maxPoints of [2, 3, 10, 333, 500]) {
        for (let now = NOON; now < NOON + 2 * DAY; now += 7 * HOUR + 13 * MINUTE + 7 * SECOND + 3) {
          const step = chooseStep(now - window, now, maxPoints, SECOND);
          expect(bucketsTouched(now - window, now, step)).toBeLessThanOrEqual(maxPoints);
        }
      }
    }
  });
});
