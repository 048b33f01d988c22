import type { Clock, TimerHandle } from '../../src-main/engine/clock.ts';

interface PendingTimer {
  at: number;
  seq: number;
  fn: () => void;
}

const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * A Clock that only moves when a test says so. `advance` fires due timers in time order and lets
 * promise chains run between them; `jump` moves time without firing anything, like a laptop asleep.
 */
export class ManualClock implements Clock {
  private time: number;
  private seq = 0;
  private readonly timers = new Map<number, PendingTimer>();

  constructor(start = Date.UTC(2025, 0, 1)) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    const id = ++this.seq;
    this.timers.set(id, { at: this.time + Math.max(0, ms), seq: id, fn });
    return { id };
  }

  clearTimeout(handle: TimerHandle): void {
    this.timers.delete(handle.id as number);
  }

  /** Moves time forward by `ms`, firing each timer due by then at its own time, with async work settling between. */
  async advance(ms: number): Promise<void> {
    const target = this.time + ms;
    for (;;) {
      await settle();
      const next = this.earliest();
      if (!next || next.at > target) break;
      this.timers.delete(next.seq);
      this.time = Math.max(this.time, next.at);
      next.fn();
    }
    this.time = target;
    await settle();
  }

  /** Moves time forward without firing timers (sleep): overdue timers fire on the next `advance`. */
  jump(ms: number): void {
    this.time += ms;
  }

  /**
   * The machine sleeps for `ms`: wall time moves on and every pending timer is pushed back as far,
   * because timers count time awake (a 50-minute timer armed before a 48-minute sleep fires 98 minutes later).
   */
  suspend(ms: number): void {
    this.time += ms;
    for (const timer of this.timers.values()) timer.at += ms;
  }

  /** Resolves after `ms` of manual time. */
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.setTimeout(resolve, ms));
  }

  get pendingTimers(): number {
    return this.timers.size;
  }

  private earliest(): PendingTimer | undefined {
    let best: PendingTimer | undefined;
    for (const t of this.timers.values())
      if (!best || t.at < best.at || (t.at === best.at && t.seq < best.seq)) best = t;
    return best;
  }
}
