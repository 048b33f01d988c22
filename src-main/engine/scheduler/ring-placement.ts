import { DueHeap, type HeapItem } from './due-heap.ts';

interface Gap extends HeapItem {
  from: number;
  length: number;
  /** New phases this gap will receive. */
  extra: number;
}

/** Bit-reversed position of a phase: ranks positions in van der Corput order (0, ½, ¼, ¾, …). */
function spreadRank(phase: number, intervalMs: number): number {
  let x = Math.floor((phase / intervalMs) * 65_536);
  let r = 0;
  for (let bit = 0; bit < 16; bit++) {
    r = (r << 1) | (x & 1);
    x >>= 1;
  }
  return r;
}

/**
 * Phases (whole ms in [0, interval)) for `count` new entries on a ring whose entries sit at `taken`.
 * An empty ring is divided evenly from `firstPhase`; otherwise each new entry goes into the largest
 * gap left (equal gaps are taken in spread order, so a batch does not fill one stretch of the ring),
 * and the entries a gap receives divide it evenly. Existing entries never move.
 */
export function placeOnRing(
  taken: readonly number[],
  intervalMs: number,
  count: number,
  firstPhase: number,
): number[] {
  if (count <= 0) return [];
  if (taken.length === 0) {
    return Array.from(
      { length: count },
      (_, j) => (firstPhase + Math.floor((j * intervalMs) / count)) % intervalMs,
    );
  }
  const sorted = [...taken].sort((a, b) => a - b);
  const gaps: Gap[] = sorted.map((from, i) => {
    const to = i + 1 < sorted.length ? (sorted[i + 1] as number) : (sorted[0] as number) + intervalMs;
    const length = to - from;
    return { from, length, extra: 0, due: -length, seq: spreadRank(from, intervalMs), heapIndex: -1 };
  });
  // A min-heap on -(spacing the gap would have with one more entry), whole ms so near-equal gaps tie.
  const heap = new DueHeap<Gap>();
  heap.rebuild(gaps);
  for (let i = 0; i < count; i++) {
    const gap = heap.peek() as Gap;
    gap.extra++;
    gap.due = -Math.floor(gap.length / (gap.extra + 1));
    heap.update(gap);
  }
  const phases: number[] = [];
  for (const gap of gaps) {
    for (let j = 1; j <= gap.extra; j++) {
      phases.push((gap.from + Math.round((j * gap.length) / (gap.extra + 1))) % intervalMs);
    }
  }
  return phases;
}
