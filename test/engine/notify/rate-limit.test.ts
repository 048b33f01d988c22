import { describe, expect, it } from 'vitest';
import {
  notifierClock,
  parseRetryAfter,
  WebhookRateLimiter,
} from '../../../src-main/engine/notify/rate-limit.ts';
import { ManualClock } from '../../support/manual-clock.ts';
import { T, VirtualClock } from './fixtures.ts';

const live = () => new AbortController().signal;

describe('parseRetryAfter', () => {
  it.each<[string | undefined, number | null]>([
    ['3', 3000],
    ['0.75', 750],
    [' 2 ', 2000],
    ['0', 0],
    ['Wed, 15 Jan 2025 09:30:05 GMT', 5000],
    ['Wed, 15 Jan 2025 09:29:00 GMT', 0],
    ['soon', null],
    ['', null],
    [undefined, null],
  ])('%j → %j ms', (value, expected) => {
    expect(parseRetryAfter(value, T)).toBe(expected);
  });
});

describe('WebhookRateLimiter', () => {
  it('lets 5 requests start per 2 s sliding window, per key', async () => {
    const clock = new VirtualClock();
    const limiter = new WebhookRateLimiter({ clock });
    const starts: number[] = [];
    for (let i = 0; i < 11; i++) {
      await limiter.acquire('a', live());
      starts.push(clock.now() - T);
      if (i === 2) clock.time += 500;
    }
    await limiter.acquire('b', live());
    expect(starts).toEqual([0, 0, 0, 500, 500, 2000, 2000, 2000, 2500, 2500, 4000]);
    expect(clock.sleeps).toEqual([1500, 500, 1500]);
  });

  it.each<[string, Record<string, string>, number[]]>([
    [
      'remaining 0 waits reset-after',
      { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset-after': '1.25' },
      [1250],
    ],
    [
      'remaining above 0 does not wait',
      { 'x-ratelimit-remaining': '3', 'x-ratelimit-reset-after': '1.25' },
      [],
    ],
    ['no headers, no wait', {}, []],
    [
      'an unreadable reset-after is ignored',
      { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset-after': 'x' },
      [],
    ],
  ])('observe: %s', async (_name, headers, sleeps) => {
    const clock = new VirtualClock();
    const limiter = new WebhookRateLimiter({ clock });
    limiter.observe('a', headers);
    await limiter.acquire('a', live());
    expect(clock.sleeps).toEqual(sleeps);
  });

  it('rejects acquire when the signal is already aborted', async () => {
    const limiter = new WebhookRateLimiter({ clock: new VirtualClock() });
    await expect(limiter.acquire('a', AbortSignal.abort())).rejects.toThrow();
  });
});

describe('notifierClock', () => {
  it("paces requests on the engine's clock: the sixth start waits until that clock moves", async () => {
    const clock = new ManualClock(T);
    const limiter = new WebhookRateLimiter({ clock: notifierClock(clock) });
    for (let i = 0; i < 5; i++) await limiter.acquire('a', live());
    let started = false;
    const sixth = limiter.acquire('a', live()).then(() => {
      started = true;
    });
    await clock.advance(1999);
    expect(started).toBe(false);
    await clock.advance(1);
    await sixth;
    expect(started).toBe(true);
  });

  it('stops waiting when the signal aborts, and cancels its timer', async () => {
    const clock = new ManualClock(T);
    const controller = new AbortController();
    const sleeping = notifierClock(clock).sleep(60_000, controller.signal);
    controller.abort(new Error('stopped'));
    await expect(sleeping).rejects.toThrow('stopped');
    await expect(notifierClock(clock).sleep(10, controller.signal)).rejects.toThrow('stopped');
  });
});
