import { describe, expect, it } from 'vitest';
import {
  DEFAULT_RETRY_SCHEDULE_MS,
  MAX_SERVER_WAIT_MS,
  MAX_SERVER_WAITS,
  nextRetry,
} from '../../../src-main/engine/notify/retry-schedule.ts';

const fresh = { backoffs: 0, waits: 0 };
const middle = () => 0.5;

describe('nextRetry', () => {
  it('backs off about 15 minutes over 6 retries, then gives up', () => {
    const delays: number[] = [];
    let counters = fresh;
    for (;;) {
      const plan = nextRetry(null, counters, DEFAULT_RETRY_SCHEDULE_MS, middle);
      if (!plan) break;
      delays.push(plan.delayMs);
      counters = plan.counters;
    }
    expect(delays).toEqual([10_000, 30_000, 60_000, 150_000, 300_000, 360_000]);
    expect(delays.reduce((a, b) => a + b, 0) / 60_000).toBeCloseTo(15.2, 1);
  });

  it.each([
    [0, 8_000],
    [0.999_999, 12_000],
  ])('jitters each backoff by up to a fifth either way: random %f gives %i ms', (random, delayMs) => {
    expect(nextRetry(null, fresh, DEFAULT_RETRY_SCHEDULE_MS, () => random)?.delayMs).toBe(delayMs);
  });

  it('waits exactly what the server asked for, without using up a backoff try', () => {
    expect(nextRetry(2500, fresh, DEFAULT_RETRY_SCHEDULE_MS, () => 0)).toEqual({
      delayMs: 2500,
      counters: { backoffs: 0, waits: 1 },
    });
    expect(nextRetry(2500, { backoffs: 6, waits: 3 })?.delayMs).toBe(2500);
  });

  it('falls back to backoff after 50 server-given waits, and caps a wait at one hour', () => {
    expect(
      nextRetry(2500, { backoffs: 0, waits: MAX_SERVER_WAITS }, DEFAULT_RETRY_SCHEDULE_MS, middle),
    ).toEqual({
      delayMs: 10_000,
      counters: { backoffs: 1, waits: MAX_SERVER_WAITS },
    });
    expect(nextRetry(86_400_000, fresh)?.delayMs).toBe(MAX_SERVER_WAIT_MS);
  });
});
