import { describe, expect, it } from 'vitest';
import { placeOnRing } from '../../../src-main/engine/scheduler/ring-placement.ts';

/** Busiest second ÷ mean for phases on a ring of `intervalMs`. */
function busiestSecond(phases: readonly number[], intervalMs: number): number {
  const perSecond = new Array<number>(intervalMs / 1000).fill(0);
  for (const p of phases) perSecond[Math.floor(p / 1000)] = (perSecond[Math.floor(p / 1000)] ?? 0) + 1;
  return Math.max(...perSecond) / (phases.length / perSecond.length);
}

describe('placeOnRing', () => {
  it.each([
    {
      case: 'an empty ring is divided evenly from the first phase',
      taken: [],
      count: 4,
      first: 0,
      want: [0, 250, 500, 750],
    },
    { case: 'an empty ring wraps past its end', taken: [], count: 3, first: 900, want: [900, 233, 566] },
    { case: 'one entry: the new one sits opposite', taken: [100], count: 1, first: 0, want: [600] },
    { case: 'the largest gap is taken, not the first', taken: [0, 100], count: 1, first: 0, want: [550] },
    {
      case: 'a gap left by a removed entry is filled',
      taken: [0, 250, 750],
      count: 1,
      first: 0,
      want: [500],
    },
    { case: 'a gap receiving several divides evenly', taken: [0], count: 3, first: 0, want: [250, 500, 750] },
    {
      case: 'several go where the spacing stays widest',
      taken: [0, 600],
      count: 3,
      first: 0,
      want: [200, 400, 800],
    },
    {
      case: 'equal gaps are filled apart, not side by side',
      taken: [0, 250, 500, 750],
      count: 2,
      first: 0,
      want: [125, 625],
    },
    { case: 'unsorted input is fine', taken: [750, 0, 500, 250], count: 1, first: 0, want: [125] },
    { case: 'nothing to place', taken: [0], count: 0, first: 0, want: [] },
  ])('$case', ({ taken, count, first, want }) => {
    expect(placeOnRing(taken, 1000, count, first)).toEqual(want);
  });

  it.each([
    {
      case: '200 at 20 s in one batch',
      build: () => placeOnRing([], 20_000, 200, 1234),
      intervalMs: 20_000,
      bound: 1,
    },
    {
      case: '200 at 20 s added one at a time',
      build: () => {
        const ring: number[] = [];
        for (let i = 0; i < 200; i++) ring.push(...placeOnRing(ring, 20_000, 1, 1234));
        return ring;
      },
      intervalMs: 20_000,
      bound: 1.2,
    },
    {
      case: '100 at 20 s, then 100 more',
      build: () => {
        const ring = placeOnRing([], 20_000, 100, 77);
        return [...ring, ...placeOnRing(ring, 20_000, 100, 0)];
      },
      intervalMs: 20_000,
      bound: 1.2,
    },
    {
      case: '200 at 20 s, every fourth removed and as many added back',
      build: () => {
        const ring = placeOnRing([], 20_000, 200, 77).filter((_, i) => i % 4 !== 1);
        return [...ring, ...placeOnRing(ring, 20_000, 50, 0)];
      },
      intervalMs: 20_000,
      bound: 1.2,
    },
    {
      case: '5,000 at 10 s in one batch',
      build: () => placeOnRing([], 10_000, 5000, 3),
      intervalMs: 10_000,
      bound: 1,
    },
  ])('keeps the busiest second within the bound: $case', ({ build, intervalMs, bound }) => {
    const phases = build();
    expect(new Set(phases).size).toBe(phases.length);
    expect(busiestSecond(phases, intervalMs)).toBeLessThanOrEqual(bound);
  });
});
