import { describe, expect, it } from 'vitest';
import { setBounded } from '../../src-main/engine/bounded-map.ts';

describe('setBounded', () => {
  it('keeps the newest entries up to the bound, forgetting the oldest first', () => {
    const map = new Map<string, number>();
    for (let i = 0; i < 5; i++) setBounded(map, `k${i}`, i, 3);
    expect([...map]).toEqual([
      ['k2', 2],
      ['k3', 3],
      ['k4', 4],
    ]);
  });

  it('updates a key it holds without forgetting anything', () => {
    const map = new Map([
      ['a', 1],
      ['b', 2],
    ]);
    setBounded(map, 'a', 10, 2);
    expect([...map]).toEqual([
      ['a', 10],
      ['b', 2],
    ]);
  });
});
