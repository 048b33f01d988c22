import type { Clock, TimerHandle } from '../clock.ts';
import { DueHeap } from './due-heap.ts';
import { IntervalRings } from './interval-rings.ts';
import { LatenessHistogram } from './lateness-histogram.ts';
import { type Entry, newEntry } from './schedule-entry.ts';

export interface ScheduleEntry {
  id: string;
  intervalMs: number;
}

export interface SchedulerOptions {
  clock: Clock;
  /** Runs in flight at once, across all entries. */
  maxConcurrent: number;
  run(id: string, signal: AbortSignal): Promise<void>;
  /** Source of the phase of the first entry on each interval's ring, [0, 1). */
  random?: () => number;
  onClockJump?(gapMs: number): void;
  /** A timer firing this much later (or earlier) than planned means the machine slept or the clock was set. */
  jumpThresholdMs?: number;
  /** Called when `run` (or `onClockJump`, with id "") throws or rejects; the schedule goes on either way. */
  onError?(id: string, error: unknown): void;
  /**
   * Timer granularity: the timer wakes only on multiples of this (epoch ms) and starts every run due
   * by then, so each run is at most this late and a busy schedule wakes the process once per tick
   * instead of once per run. Default 0: every due time exactly.
   */
  tickMs?: number;
}

export interface SchedulerStats {
  runs: number;
  skippedOverlaps: number;
  latenessMs: { p50: number; p99: number; max: number; count: number };
  clockJumps: number;
}

const DEFAULT_JUMP_THRESHOLD_MS = 30_000;
/** The timer wakes at least this often, so a sleep is noticed soon after resume even with long intervals. */
const MAX_TIMER_DELAY_MS = 10_000;

const resolveAll = (waiters: (() => void)[] | null) => {
  if (waiters) for (const w of waiters) w();
};

/**
 * Runs each entry every `intervalMs` at a fixed phase, entries of one interval spread evenly over it
 * (so the load per second stays flat at any rate), with one timer over a min-heap of due times, no self-overlap, a global concurrency bound (FIFO queue beyond it), and a clean restart
 * after sleep/resume instead of a burst of missed runs.
 */
export class Scheduler {
  private readonly clock: Clock;
  private maxConcurrent: number;
  private readonly runFn: (id: string, signal: AbortSignal) => Promise<void>;
  private readonly onClockJump: ((gapMs: number) => void) | undefined;
  private readonly onError: ((id: string, error: unknown) => void) | undefined;
  private readonly jumpThresholdMs: number;
  private readonly tickMs: number;

  private entries = new Map<string, Entry>();
  private readonly rings: IntervalRings;
  private readonly heap = new DueHeap<Entry>();
  private queue: Entry[] = [];
  private queueHead = 0;
  private active = 0;
  private readonly running = new Set<Entry>();
  private started = false;
  private timer: TimerHandle | null = null;
  private timerAt = 0;
  private seq = 0;
  private generation = 0;

  private runs = 0;
  private skippedOverlaps = 0;
  private clockJumps = 0;
  private readonly lateness = new LatenessHistogram();

  constructor(options: SchedulerOptions) {
    this.clock = options.clock;
    this.maxConcurrent = Math.max(1, Math.floor(options.maxConcurrent));
    this.runFn = options.run;
    this.rings = new IntervalRings(options.random ?? Math.random);
    this.onClockJump = options.onClockJump;
    this.onError = options.onError;
    this.jumpThresholdMs = options.jumpThresholdMs ?? DEFAULT_JUMP_THRESHOLD_MS;
    this.tickMs = Math.max(0, options.tickMs ?? 0);
  }

  /**
   * Live update: unchanged entries keep their due times; removed ones stop (aborting a run in flight)
   * and leave a gap on their ring; new ones, and ones whose interval changed, go into the largest
   * gaps of their interval's ring.
   */
  set(entries: readonly ScheduleEntry[]): void {
    if (this.isUnchanged(entries)) return;
    const next = new Map<string, Entry>();
    const placing: Entry[] = [];
    for (const { id, intervalMs } of entries) {
      if (next.has(id)) continue;
      const interval = Math.max(1, intervalMs);
      let entry = this.entries.get(id);
      if (!entry) {
        entry = newEntry(id, interval, this.seq++);
        placing.push(entry);
      } else if (entry.intervalMs !== interval) {
        this.rings.leave(entry);
        entry.intervalMs = interval;
        placing.push(entry);
      }
      next.set(id, entry);
    }
    for (const [id, entry] of this.entries) if (!next.has(id)) this.remove(entry);
    this.entries = next;
    const now = this.clock.now();
    this.rings.place(placing, now);
    if (this.started) {
      for (const entry of placing) {
        this.rings.setBase(entry, now);
        this.heap.update(entry);
      }
    }
    this.arm();
  }

  /** Live change of the concurrency bound: a higher one starts queued runs now, a lower one lets runs in flight finish. */
  setMaxConcurrent(maxConcurrent: number): void {
    this.maxConcurrent = Math.max(1, Math.floor(maxConcurrent));
    this.drain();
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    const now = this.clock.now();
    this.rings.restartAt(now);
    for (const entry of this.entries.values()) this.rings.setBase(entry, now);
    this.heap.rebuild(this.entries.values());
    this.arm();
  }

  /** Clears the timer and the queue, aborts runs in flight and resolves when they have settled. */
  async stop(): Promise<void> {
    this.started = false;
    this.clearTimer();
    this.heap.clear();
    this.dropQueue(() => true);
    const settling: Promise<void>[] = [];
    for (const entry of this.running) {
      entry.followUp = false;
      resolveAll(entry.nextWaiters);
      entry.nextWaiters = null;
      entry.controller?.abort();
      if (entry.settled) settling.push(entry.settled);
    }
    await Promise.all(settling);
  }

  /**
   * Runs now (every entry, or one), still one run per entry at a time and within the concurrency bound;
   * an entry already running runs again right after. Resolves when those runs finish; no-op while stopped.
   */
  checkNow(id?: string): Promise<void> {
    if (!this.started) return Promise.resolve();
    const now = this.clock.now();
    if (id !== undefined) {
      const entry = this.entries.get(id);
      return entry ? this.requestRun(entry, now) : Promise.resolve();
    }
    const runs: Promise<void>[] = [];
    for (const entry of this.entries.values()) runs.push(this.requestRun(entry, now));
    return Promise.all(runs).then(() => {});
  }

  stats(): SchedulerStats {
    return {
      runs: this.runs,
      skippedOverlaps: this.skippedOverlaps,
      latenessMs: {
        p50: this.lateness.quantile(0.5),
        p99: this.lateness.quantile(0.99),
        max: this.lateness.max,
        count: this.lateness.count,
      },
      clockJumps: this.clockJumps,
    };
  }

  resetStats(): void {
    this.runs = 0;
    this.skippedOverlaps = 0;
    this.clockJumps = 0;
    this.lateness.reset();
  }

  // ── Internals ──────────────────────────────────────────────────────────────

  private isUnchanged(entries: readonly ScheduleEntry[]): boolean {
    if (entries.length !== this.entries.size) return false;
    const generation = ++this.generation;
    for (const { id, intervalMs } of entries) {
      const entry = this.entries.get(id);
      if (!entry || entry.mark === generation || entry.intervalMs !== Math.max(1, intervalMs)) return false;
      entry.mark = generation;
    }
    return true;
  }

  private remove(entry: Entry): void {
    entry.removed = true;
    this.rings.leave(entry);
    this.heap.remove(entry);
    entry.followUp = false;
    resolveAll(entry.nextWaiters);
    entry.nextWaiters = null;
    if (entry.controller) {
      entry.controller.abort();
    } else if (entry.queued) {
      entry.queued = false;
      resolveAll(entry.waiters);
      entry.waiters = null;
    }
  }

  private clearTimer(): void {
    if (this.timer) this.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  private arm(): void {
    if (!this.started) return;
    const top = this.heap.peek();
    if (!top) {
      this.clearTimer();
      return;
    }
    const tick = this.tickMs;
    const at = tick > 0 ? Math.ceil(top.due / tick) * tick : top.due;
    // A timer already due no later than the earliest entry will do: it re-arms when it fires.
    if (this.timer && this.timerAt <= at) return;
    this.clearTimer();
    const now = this.clock.now();
    this.timerAt = Math.min(at, now + MAX_TIMER_DELAY_MS);
    this.timer = this.clock.setTimeout(this.onTimer, Math.max(0, this.timerAt - now));
  }

  private readonly onTimer = (): void => {
    this.timer = null;
    if (!this.started) return;
    const now = this.clock.now();
    const gap = now - this.timerAt;
    if (gap > this.jumpThresholdMs || gap < -this.jumpThresholdMs) {
      this.restartAfterJump(now, gap);
      this.arm();
      return;
    }
    for (let top = this.heap.peek(); top && top.due <= now; top = this.heap.peek()) {
      const planned = top.due;
      top.k++;
      top.due = top.base + top.k * top.intervalMs;
      if (top.due <= now) {
        // Fell behind by more than an interval (but less than a jump): skip to the next future tick.
        top.k = Math.floor((now - top.base) / top.intervalMs) + 1;
        top.due = top.base + top.k * top.intervalMs;
      }
      this.heap.update(top);
      this.dispatch(top, planned, false);
    }
    this.arm();
  };

  /** After sleep/resume nothing missed is replayed: every ring restarts from now, keeping its spread. */
  private restartAfterJump(now: number, gap: number): void {
    this.clockJumps++;
    this.rings.restartAt(now);
    for (const entry of this.entries.values()) this.rings.setBase(entry, now);
    this.heap.rebuild(this.entries.values());
    this.dropQueue((entry) => !entry.queuedManual);
    // Runs that straddled the sleep measured nothing useful; the callers discard aborted results.
    for (const entry of this.running) entry.controller?.abort();
    try {
      this.onClockJump?.(gap);
    } catch (err) {
      this.onError?.('', err);
    }
  }

  private dropQueue(shouldDrop: (entry: Entry) => boolean): void {
    const kept: Entry[] = [];
    for (let i = this.queueHead; i < this.queue.length; i++) {
      const entry = this.queue[i] as Entry;
      if (!entry.queued) continue;
      if (shouldDrop(entry)) {
        entry.queued = false;
        resolveAll(entry.waiters);
        entry.waiters = null;
      } else kept.push(entry);
    }
    this.queue = kept;
    this.queueHead = 0;
  }

  private requestRun(entry: Entry, now: number): Promise<void> {
    return new Promise<void>((resolve) => {
      if (entry.controller) {
        entry.followUp = true;
        entry.nextWaiters ??= [];
        entry.nextWaiters.push(resolve);
      } else {
        entry.waiters ??= [];
        entry.waiters.push(resolve);
        if (entry.queued) entry.queuedManual = true;
        else this.dispatch(entry, now, true);
      }
    });
  }

  private dispatch(entry: Entry, planned: number, manual: boolean): void {
    if (entry.controller || entry.queued) {
      this.skippedOverlaps++;
      return;
    }
    if (this.active < this.maxConcurrent && this.queueHead === this.queue.length) {
      this.launch(entry, planned, manual);
      return;
    }
    entry.queued = true;
    entry.queuedPlanned = planned;
    entry.queuedManual = manual;
    this.queue.push(entry);
    // The queue may hold only entries removed since; drain starts whatever is really waiting.
    this.drain();
  }

  private launch(entry: Entry, planned: number, manual: boolean): void {
    const controller = new AbortController();
    entry.controller = controller;
    this.active++;
    this.running.add(entry);
    this.runs++;
    // Manual runs are excluded: a "check all now" queues by design and is not schedule lateness.
    if (!manual) this.lateness.record(this.clock.now() - planned);
    let result: Promise<void>;
    try {
      result = Promise.resolve(this.runFn(entry.id, controller.signal));
    } catch (err) {
      result = Promise.reject(err);
    }
    entry.settled = result.then(
      () => this.finish(entry),
      (err: unknown) => {
        try {
          this.onError?.(entry.id, err);
        } finally {
          this.finish(entry);
        }
      },
    );
  }

  private finish(entry: Entry): void {
    this.active--;
    this.running.delete(entry);
    entry.controller = null;
    entry.settled = null;
    const waiters = entry.waiters;
    entry.waiters = null;
    this.drain();
    if (entry.followUp && this.started && !entry.removed) {
      entry.followUp = false;
      entry.waiters = entry.nextWaiters;
      entry.nextWaiters = null;
      this.dispatch(entry, this.clock.now(), true);
    } else {
      entry.followUp = false;
      resolveAll(entry.nextWaiters);
      entry.nextWaiters = null;
    }
    resolveAll(waiters);
  }

  private drain(): void {
    while (this.active < this.maxConcurrent && this.queueHead < this.queue.length) {
      const entry = this.queue[this.queueHead++] as Entry;
      if (!entry.queued) continue;
      entry.queued = false;
      this.launch(entry, entry.queuedPlanned, entry.queuedManual);
    }
    if (this.queueHead === this.queue.length) {
      this.queue.length = 0;
      this.queueHead = 0;
    } else if (this.queueHead > 1024 && this.queueHead * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.queueHead);
      this.queueHead = 0;
    }
  }
}
