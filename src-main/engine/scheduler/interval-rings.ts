import { placeOnRing } from './ring-placement.ts';
import type { Entry } from './schedule-entry.ts';

/** The entries sharing one interval, spread evenly over it; phases count from `origin`. */
interface Ring {
  origin: number;
  readonly members: Set<Entry>;
}

/**
 * One ring per interval: entries of an interval are spread evenly over it (a new one into the largest
 * gap), so the load per second stays flat at any rate. A new ring starts at a random phase.
 */
export class IntervalRings {
  private readonly rings = new Map<number, Ring>();
  private readonly random: () => number;

  constructor(random: () => number) {
    this.random = random;
  }

  /** Gives each entry its phase on its interval's ring. */
  place(entries: readonly Entry[], now: number): void {
    const byInterval = new Map<number, Entry[]>();
    for (const entry of entries) {
      const group = byInterval.get(entry.intervalMs);
      if (group) group.push(entry);
      else byInterval.set(entry.intervalMs, [entry]);
    }
    for (const [intervalMs, group] of byInterval) {
      let ring = this.rings.get(intervalMs);
      if (!ring) {
        ring = { origin: now, members: new Set() };
        this.rings.set(intervalMs, ring);
      }
      const taken = Array.from(ring.members, (e) => e.phase);
      const first = taken.length === 0 ? this.randomPhase(intervalMs) : 0;
      const phases = placeOnRing(taken, intervalMs, group.length, first);
      for (const [i, entry] of group.entries()) {
        entry.phase = phases[i] as number;
        ring.members.add(entry);
      }
    }
  }

  leave(entry: Entry): void {
    const ring = this.rings.get(entry.intervalMs);
    if (!ring) return;
    ring.members.delete(entry);
    if (ring.members.size === 0) this.rings.delete(entry.intervalMs);
  }

  /** Phases count from `now` again (start, resume after sleep). */
  restartAt(now: number): void {
    for (const ring of this.rings.values()) ring.origin = now;
  }

  /** The first due time at or after now on the entry's place on its ring. */
  setBase(entry: Entry, now: number): void {
    const interval = entry.intervalMs;
    const origin = this.rings.get(interval)?.origin ?? now;
    entry.base = now + ((((origin + entry.phase - now) % interval) + interval) % interval);
    entry.k = 0;
    entry.due = entry.base;
  }

  private randomPhase(intervalMs: number): number {
    const r = this.random();
    return Math.floor((r >= 0 && r < 1 ? r : 0) * intervalMs);
  }
}
