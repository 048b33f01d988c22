import type { BenchRow } from './engine.ts';

export async function benchSoak(_durationS = 600): Promise<BenchRow[]> {
  return [];
}
