import { describe, expect, it } from 'vitest';
import { requestQueue } from '../../../src-renderer/api/request-queue.ts';

describe('requestQueue', () => {
  it('runs at most the limit at once, the rest in order, and passes results and errors through', async () => {
    const inTurn = requestQueue(2);
    let running = 0;
    let most = 0;
    const started: number[] = [];
    const task = (i: number) => () => {
      started.push(i);
      running++;
      most = Math.max(most, running);
      return new Promise<number>((resolve, reject) =>
        setTimeout(() => {
          running--;
          if (i === 3) reject(new Error('three'));
          else resolve(i * 10);
        }, 5),
      );
    };
    const results = await Promise.allSettled([0, 1, 2, 3, 4].map((i) => inTurn(task(i))));
    expect(most).toBe(2);
    expect(started).toEqual([0, 1, 2, 3, 4]);
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message))).toEqual([
      0,
      10,
      20,
      'three',
      40,
    ]);
  });
});
