import type { Clock, TimerHandle } from '../clock.ts';

/**
 * What a channel's lane does next: nothing (empty, broken or unknown channel), wake up later, or run
 * one step. A step resolves `next` to go on at once or `pause` to wait `pauseMs`; it must not reject.
 */
export type LaneStep =
  | null
  | { waitMs: number }
  | { run: (signal: AbortSignal) => Promise<'next' | 'pause'> };

export interface SendLanesOptions {
  clock: Clock;
  /** The channels to run; a channel that leaves keeps its lane until it has nothing to do. */
  channels: () => Iterable<string>;
  /** Decides the channel's next step; must not throw. */
  next: (channel: string) => LaneStep;
  pauseMs: number;
}

interface Lane {
  step: Promise<void> | null;
  abort: AbortController | null;
  timer: TimerHandle | null;
  /** After a failed step nothing runs on the lane before this time, not even for `idle` or `wake`. */
  pausedUntil: number;
  wakeQueued: boolean;
}

/** One lane per channel: its steps run strictly one after another, each lane independent of the others. */
export class SendLanes {
  private readonly options: SendLanesOptions;
  private readonly lanes = new Map<string, Lane>();
  private running = false;

  constructor(options: SendLanesOptions) {
    this.options = options;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    for (const channel of this.options.channels()) this.pump(channel);
  }

  /** Aborts the steps in flight, clears timers, and resolves once the steps have returned. */
  async stop(): Promise<void> {
    this.running = false;
    const steps: Promise<void>[] = [];
    for (const lane of this.lanes.values()) {
      this.clearTimer(lane);
      lane.abort?.abort();
      if (lane.step) steps.push(lane.step);
    }
    await Promise.all(steps);
  }

  /** Resolves once no lane has a step to run right now (each is empty, waiting for a time, or stopped). */
  async idle(): Promise<void> {
    for (;;) {
      for (const channel of this.options.channels()) this.pump(channel);
      const steps = [...this.lanes.values()].flatMap((l) => (l.step ? [l.step] : []));
      if (steps.length === 0) return;
      await Promise.all(steps);
    }
  }

  /** Looks at `channel` later in this turn, so a caller's transaction never sees a write from its stack. */
  wake(channel: string): void {
    const lane = this.lane(channel);
    if (lane.wakeQueued) return;
    lane.wakeQueued = true;
    queueMicrotask(() => {
      lane.wakeQueued = false;
      this.pump(channel);
    });
  }

  /** Every channel that has (or had) a lane. */
  known(): IterableIterator<string> {
    return this.lanes.keys();
  }

  private pump(channel: string): void {
    if (!this.running) return;
    const lane = this.lane(channel);
    if (lane.step) return;
    const paused = lane.pausedUntil - this.options.clock.now();
    if (paused > 0) {
      if (!lane.timer) this.later(lane, channel, paused);
      return;
    }
    this.clearTimer(lane);
    const next = this.options.next(channel);
    if (next === null) return;
    if ('waitMs' in next) {
      this.later(lane, channel, next.waitMs);
      return;
    }
    const abort = new AbortController();
    lane.abort = abort;
    lane.step = next
      .run(abort.signal)
      .catch(() => 'pause' as const)
      .then((then) => {
        lane.step = null;
        lane.abort = null;
        if (then === 'next') {
          this.pump(channel);
          return;
        }
        lane.pausedUntil = this.options.clock.now() + this.options.pauseMs;
        this.later(lane, channel, this.options.pauseMs);
      });
  }

  private later(lane: Lane, channel: string, ms: number): void {
    if (!this.running) return;
    this.clearTimer(lane);
    lane.timer = this.options.clock.setTimeout(() => {
      lane.timer = null;
      this.pump(channel);
    }, ms);
  }

  private clearTimer(lane: Lane): void {
    if (lane.timer) this.options.clock.clearTimeout(lane.timer);
    lane.timer = null;
  }

  private lane(channel: string): Lane {
    let lane = this.lanes.get(channel);
    if (!lane) {
      lane = { step: null, abort: null, timer: null, pausedUntil: 0, wakeQueued: false };
      this.lanes.set(channel, lane);
    }
    return lane;
  }
}
