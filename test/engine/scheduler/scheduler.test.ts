import { afterEach, describe, expect, it } from 'vitest';
import {
  type ScheduleEntry,
  Scheduler,
  type SchedulerOptions,
} from '../../../src-main/engine/scheduler/scheduler.ts';
import { ManualClock } from '../../support/manual-clock.ts';

/** Deterministic [0, 1) numbers (mulberry32). */
function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const fixed = (...values: number[]) => {
  let i = 0;
  return () => values[i++ % values.length] as number;
};

const entries = (count: number, intervalMs: number, prefix = 'm'): ScheduleEntry[] =>
  Array.from({ length: count }, (_, i) => ({ id: `${prefix}${i}`, intervalMs }));

/** Entries that each have an interval of their own, so each is alone on its ring and all share a phase. */
const apart = (count: number, intervalMs: number): ScheduleEntry[] =>
  Array.from({ length: count }, (_, i) => ({ id: `m${i}`, intervalMs: intervalMs + i }));

interface HarnessOptions extends Partial<Omit<SchedulerOptions, 'clock' | 'run'>> {
  /** How long each run takes in manual time. */
  durationMs?: number | ((id: string) => number);
  run?: (id: string, signal: AbortSignal) => Promise<void>;
}

const stopLater: Scheduler[] = [];
afterEach(async () => {
  for (const s of stopLater.splice(0)) await s.stop();
});

function harness(options: HarnessOptions = {}) {
  const clock = new ManualClock();
  const t0 = clock.now();
  const starts: { id: string; at: number }[] = [];
  const signals: AbortSignal[] = [];
  let active = 0;
  let maxActive = 0;
  const duration = options.durationMs ?? 0;
  const wait = (ms: number, signal: AbortSignal) =>
    new Promise<void>((resolve) => {
      const timer = clock.setTimeout(resolve, ms);
      signal.addEventListener('abort', () => {
        clock.clearTimeout(timer);
        resolve();
      });
    });
  const scheduler = new Scheduler({
    maxConcurrent: 100,
    random: seeded(1),
    ...options,
    clock,
    run:
      options.run ??
      (async (id, signal) => {
        starts.push({ id, at: clock.now() - t0 });
        signals.push(signal);
        active++;
        maxActive = Math.max(maxActive, active);
        try {
          await wait(typeof duration === 'number' ? duration : duration(id), signal);
        } finally {
          active--;
        }
      }),
  });
  stopLater.push(scheduler);
  return {
    clock,
    scheduler,
    starts,
    signals,
    startsOf: (id: string) => starts.filter((s) => s.id === id).map((s) => s.at),
    maxActive: () => maxActive,
    active: () => active,
    /** Moves manual time to `ms` after the start. */
    advanceTo: (ms: number) => clock.advance(t0 + ms - clock.now()),
  };
}

describe('scheduler phases', () => {
  it('spreads the entries of one interval over it, first runs within one interval of the start', async () => {
    const h = harness({ random: seeded(42) });
    h.scheduler.set(entries(1000, 10_000));
    h.scheduler.start();
    await h.advanceTo(19_999);
    const first = new Map<string, number>();
    for (const s of h.starts) if (!first.has(s.id)) first.set(s.id, s.at);
    expect(first.size).toBe(1000);
    for (const at of first.values()) {
      expect(at).toBeGreaterThanOrEqual(0);
      expect(at).toBeLessThan(10_000);
    }
    const perSecond = new Array<number>(20).fill(0);
    for (const s of h.starts)
      perSecond[Math.floor(s.at / 1000)] = (perSecond[Math.floor(s.at / 1000)] ?? 0) + 1;
    expect(h.starts).toHaveLength(2000);
    expect(Math.max(...perSecond) / (2000 / 20)).toBeLessThanOrEqual(1.5);
  });

  it.each([0, 300, 999])(
    'runs at exactly start + offset + k × interval when each run takes %d ms',
    async (durationMs) => {
      const h = harness({ random: fixed(0.25), durationMs });
      h.scheduler.set([{ id: 'a', intervalMs: 1000 }]);
      h.scheduler.start();
      await h.advanceTo(50_000);
      expect(h.startsOf('a')).toEqual(Array.from({ length: 50 }, (_, k) => 250 + k * 1000));
      expect(h.scheduler.stats()).toMatchObject({
        runs: 50,
        skippedOverlaps: 0,
        latenessMs: { max: 0, count: 50 },
      });
    },
  );

  it('with a tick, starts the runs due within each tick together at its end, never early', async () => {
    const h = harness({ random: fixed(0.2553), tickMs: 10 });
    h.scheduler.set([{ id: 'a', intervalMs: 1000 }]);
    h.scheduler.start();
    await h.advanceTo(259);
    expect(h.startsOf('a')).toEqual([]);
    await h.advanceTo(3000);
    // Due at 255 + k × 1000 after a start on a whole second: each run starts on the next 10 ms.
    expect(h.startsOf('a')).toEqual([260, 1260, 2260]);
    expect(h.scheduler.stats().latenessMs.max).toBeLessThan(10);
  });

  it('does nothing before start()', async () => {
    const h = harness();
    h.scheduler.set(entries(3, 1000));
    await h.advanceTo(5000);
    expect(h.starts).toEqual([]);
    expect(h.clock.pendingTimers).toBe(0);
  });

  it('keeps one timer for thousands of entries', async () => {
    const h = harness();
    h.scheduler.set(entries(5000, 10_000));
    h.scheduler.start();
    expect(h.clock.pendingTimers).toBe(1);
    await h.advanceTo(9_999);
    expect(h.starts).toHaveLength(5000);
    expect(h.clock.pendingTimers).toBe(1);
  });
  it('keeps the busiest second within 1.2× the mean at 10 runs per second (200 entries at 20 s)', async () => {
    const h = harness({ random: seeded(5), durationMs: 300 });
    h.scheduler.set(entries(200, 20_000));
    h.scheduler.start();
    await h.advanceTo(39_999);
    const perSecond = new Array<number>(40).fill(0);
    for (const s of h.starts)
      perSecond[Math.floor(s.at / 1000)] = (perSecond[Math.floor(s.at / 1000)] ?? 0) + 1;
    expect(h.starts).toHaveLength(400);
    expect(Math.max(...perSecond) / 10).toBeLessThanOrEqual(1.2);
  });

  it('places an entry added later into the largest gap of its ring, moving no other entry', async () => {
    const h = harness({ random: fixed(0) });
    h.scheduler.set(entries(4, 1000));
    h.scheduler.start();
    await h.advanceTo(999);
    expect(h.starts.map((s) => s.at)).toEqual([0, 250, 500, 750]);
    h.scheduler.set([
      ...entries(4, 1000).filter((e) => e.id !== 'm1'),
      { id: 'x', intervalMs: 1000 },
      { id: 'y', intervalMs: 1000 },
    ]);
    await h.advanceTo(1999);
    expect(h.starts.slice(4).map((s) => `${s.id}@${s.at}`)).toEqual([
      'm0@1000',
      // The 500 ms gap m1 left, split in three, still spaces them wider than halving a 250 ms gap.
      'x@1167',
      'y@1333',
      'm2@1500',
      'm3@1750',
    ]);
  });

  it('moves an entry whose interval changed onto its new ring, where the next entry fills the gap it left', async () => {
    const h = harness({ random: fixed(0, 0.5) });
    h.scheduler.set(entries(2, 1000));
    h.scheduler.start();
    await h.advanceTo(1000);
    h.scheduler.set([
      { id: 'm0', intervalMs: 1000 },
      { id: 'm1', intervalMs: 4000 },
    ]);
    await h.advanceTo(2000);
    h.scheduler.set([
      { id: 'm0', intervalMs: 1000 },
      { id: 'm1', intervalMs: 4000 },
      { id: 'n', intervalMs: 1000 },
      { id: 'o', intervalMs: 4000 },
    ]);
    await h.advanceTo(9999);
    expect(h.startsOf('m1')).toEqual([500, 3000, 7000]);
    expect(h.startsOf('n')).toEqual([2500, 3500, 4500, 5500, 6500, 7500, 8500, 9500]);
    expect(h.startsOf('o')).toEqual([5000, 9000]);
  });
});

describe('scheduler overlap and concurrency', () => {
  it('never overlaps a slow run with itself: due ticks meanwhile are skipped and counted', async () => {
    const h = harness({ random: fixed(0.25), durationMs: 2500 });
    h.scheduler.set([{ id: 'slow', intervalMs: 1000 }]);
    h.scheduler.start();
    await h.advanceTo(9000);
    expect(h.startsOf('slow')).toEqual([250, 3250, 6250]);
    expect(h.maxActive()).toBe(1);
    expect(h.scheduler.stats()).toMatchObject({ runs: 3, skippedOverlaps: 6 });
  });

  it('holds at most maxConcurrent runs at once, starting the excess in FIFO order as slots free', async () => {
    const h = harness({ random: fixed(0), maxConcurrent: 3, durationMs: 100 });
    h.scheduler.set(apart(8, 1000));
    h.scheduler.start();
    await h.advanceTo(999);
    expect(h.maxActive()).toBe(3);
    expect(h.starts).toEqual([
      { id: 'm0', at: 0 },
      { id: 'm1', at: 0 },
      { id: 'm2', at: 0 },
      { id: 'm3', at: 100 },
      { id: 'm4', at: 100 },
      { id: 'm5', at: 100 },
      { id: 'm6', at: 200 },
      { id: 'm7', at: 200 },
    ]);
    // Lateness includes the time spent queued.
    expect(h.scheduler.stats().latenessMs).toEqual({ p50: 100, p99: 200, max: 200, count: 8 });
  });

  it('keeps the schedule when a run throws or rejects, reporting the error', async () => {
    const clock = new ManualClock();
    const calls: string[] = [];
    const errors: string[] = [];
    const scheduler = new Scheduler({
      clock,
      maxConcurrent: 1,
      random: fixed(0),
      run: (id) => {
        calls.push(id);
        if (id === 'sync') throw new Error('sync failure');
        return Promise.reject(new Error('async failure'));
      },
      onError: (id, err) => errors.push(`${id}: ${(err as Error).message}`),
    });
    stopLater.push(scheduler);
    scheduler.set([
      { id: 'sync', intervalMs: 1000 },
      { id: 'async', intervalMs: 1000 },
    ]);
    scheduler.start();
    await clock.advance(2500);
    expect(calls).toEqual(['sync', 'async', 'sync', 'async', 'sync', 'async']);
    expect(errors.slice(0, 2)).toEqual(['sync: sync failure', 'async: async failure']);
    expect(scheduler.stats().runs).toBe(6);
  });
  it('raises the concurrency bound live, starting queued runs at once', async () => {
    const h = harness({ random: fixed(0), maxConcurrent: 1, durationMs: 100 });
    h.scheduler.set(apart(4, 1000));
    h.scheduler.start();
    await h.advanceTo(50);
    expect(h.active()).toBe(1);
    h.scheduler.setMaxConcurrent(3);
    expect(h.active()).toBe(3);
    await h.advanceTo(999);
    expect(h.starts.map((s) => s.at)).toEqual([0, 50, 50, 100]);
  });

  it('lowers the concurrency bound live: runs in flight finish, the rest wait for a free slot', async () => {
    const h = harness({ random: fixed(0), maxConcurrent: 4, durationMs: 100 });
    h.scheduler.set(apart(4, 1000));
    h.scheduler.start();
    await h.advanceTo(50);
    expect(h.active()).toBe(4);
    h.scheduler.setMaxConcurrent(1);
    expect(h.signals.some((s) => s.aborted)).toBe(false);
    await h.advanceTo(1300);
    expect(h.starts.filter((s) => s.at >= 1000).map((s) => s.at)).toEqual([1000, 1100, 1200, 1300]);
    expect(h.maxActive()).toBe(4);
  });
});

describe('scheduler checkNow', () => {
  it('runs one entry now and resolves when it finishes, leaving its phase alone', async () => {
    const h = harness({ random: fixed(0.5), durationMs: 100 });
    h.scheduler.set([
      { id: 'a', intervalMs: 1000 },
      { id: 'b', intervalMs: 1000 },
    ]);
    h.scheduler.start();
    await h.advanceTo(200);
    let done = false;
    const check = h.scheduler.checkNow('a').then(() => {
      done = true;
    });
    await h.advanceTo(250);
    expect(done).toBe(false);
    await h.advanceTo(300);
    await check;
    expect(done).toBe(true);
    await h.advanceTo(2000);
    expect(h.startsOf('a')).toEqual([200, 500, 1500]);
    // b sits opposite a on their ring.
    expect(h.startsOf('b')).toEqual([0, 1000, 2000]);
  });

  it('runs an entry that is already running once more right after, never alongside', async () => {
    const h = harness({ random: fixed(0), durationMs: 300 });
    h.scheduler.set([{ id: 'a', intervalMs: 10_000 }]);
    h.scheduler.start();
    await h.advanceTo(100);
    const check = h.scheduler.checkNow('a');
    await h.advanceTo(700);
    await check;
    expect(h.startsOf('a')).toEqual([0, 300]);
    expect(h.maxActive()).toBe(1);
  });

  it('runs every entry within the concurrency bound and resolves when all have finished', async () => {
    const h = harness({ random: fixed(0.9), maxConcurrent: 2, durationMs: 100 });
    h.scheduler.set(entries(5, 10_000));
    h.scheduler.start();
    let done = false;
    const check = h.scheduler.checkNow().then(() => {
      done = true;
    });
    await h.advanceTo(299);
    expect(done).toBe(false);
    await h.advanceTo(300);
    await check;
    expect(h.starts.map((s) => s.at)).toEqual([0, 0, 100, 100, 200]);
    expect(h.maxActive()).toBe(2);
  });

  it('resolves at once for an unknown id or a stopped scheduler', async () => {
    const h = harness();
    h.scheduler.set(entries(2, 1000));
    await h.scheduler.checkNow();
    h.scheduler.start();
    await h.scheduler.checkNow('nope');
    expect(h.starts).toEqual([]);
  });
});

describe('scheduler live updates', () => {
  it('keeps the due times of unchanged entries, aborts and stops removed ones, and puts new ones into the gap left', async () => {
    const h = harness({ random: fixed(0.1, 0.7), durationMs: 500 });
    h.scheduler.set([
      { id: 'keep', intervalMs: 1000 },
      { id: 'drop', intervalMs: 1000 },
    ]);
    h.scheduler.start();
    await h.advanceTo(2700);
    const dropSignal = h.signals.at(-1);
    expect(h.starts.at(-1)).toEqual({ id: 'drop', at: 2600 });
    h.scheduler.set([
      { id: 'keep', intervalMs: 1000 },
      { id: 'new', intervalMs: 1000 },
    ]);
    expect(dropSignal?.aborted).toBe(true);
    await h.advanceTo(4999);
    expect(h.startsOf('keep')).toEqual([100, 1100, 2100, 3100, 4100]);
    expect(h.startsOf('drop')).toEqual([600, 1600, 2600]);
    expect(h.startsOf('new')).toEqual([3600, 4600]);
  });

  it('forgets queued runs of removed entries and keeps starting the rest', async () => {
    const h = harness({ random: fixed(0), maxConcurrent: 1, durationMs: 100 });
    h.scheduler.set(apart(4, 1000));
    h.scheduler.start();
    await h.advanceTo(50);
    h.scheduler.set([
      { id: 'm0', intervalMs: 1000 },
      { id: 'm3', intervalMs: 1003 },
    ]);
    await h.advanceTo(999);
    expect(h.starts).toEqual([
      { id: 'm0', at: 0 },
      { id: 'm3', at: 100 },
    ]);
    const check = h.scheduler.checkNow('m3');
    await h.advanceTo(1150);
    await check;
    expect(h.startsOf('m3')).toEqual([100, 999]);
    expect(h.startsOf('m0')).toEqual([0, 1099]);
  });

  it('treats a repeated identical set() as no change', async () => {
    const h = harness({ random: seeded(7) });
    h.scheduler.set(entries(50, 1000));
    h.scheduler.start();
    await h.advanceTo(1000);
    const firstRound = h.starts.map((s) => `${s.id}@${s.at}`);
    for (let i = 0; i < 10; i++) h.scheduler.set(entries(50, 1000));
    await h.advanceTo(2000);
    expect(h.starts.slice(50).map((s) => `${s.id}@${s.at - 1000}`)).toEqual(firstRound);
  });

  it('re-phases an entry whose interval changed', async () => {
    const h = harness({ random: fixed(0.5, 0.25) });
    h.scheduler.set([{ id: 'a', intervalMs: 1000 }]);
    h.scheduler.start();
    await h.advanceTo(1000);
    h.scheduler.set([{ id: 'a', intervalMs: 4000 }]);
    await h.advanceTo(9999);
    expect(h.startsOf('a')).toEqual([500, 2000, 6000]);
  });
});

describe('scheduler stop', () => {
  it('aborts runs in flight, resolves once they settle and runs nothing more', async () => {
    const h = harness({ random: fixed(0), durationMs: 5000 });
    h.scheduler.set(apart(3, 1000));
    h.scheduler.start();
    await h.advanceTo(10);
    expect(h.active()).toBe(3);
    await h.scheduler.stop();
    expect(h.signals.map((s) => s.aborted)).toEqual([true, true, true]);
    expect(h.active()).toBe(0);
    expect(h.clock.pendingTimers).toBe(0);
    await h.advanceTo(20_000);
    expect(h.starts).toHaveLength(3);
  });
});

describe('scheduler after sleep or a clock jump', () => {
  it('does not replay missed runs: it re-anchors every ring at now, keeping its spread, and reports the gap', async () => {
    const gaps: number[] = [];
    // 230 ms, not a multiple of the 50 ms spacing: no run ends on the very tick the jump is noticed.
    const h = harness({ random: seeded(3), durationMs: 230, onClockJump: (gap) => gaps.push(gap) });
    h.scheduler.set(entries(20, 1000));
    h.scheduler.start();
    await h.advanceTo(3000);
    expect(h.starts).toHaveLength(60);
    const inFlight = h.signals.filter((_, i) => (h.starts[i]?.at ?? 0) > 2800);
    h.clock.jump(3_600_000);
    await h.advanceTo(3_603_000 + 999);
    expect(inFlight.length).toBeGreaterThan(0);
    expect(inFlight.every((s) => s.aborted)).toBe(true);
    expect(gaps).toHaveLength(1);
    expect(gaps[0]).toBeGreaterThan(3_599_000);
    expect(h.scheduler.stats().clockJumps).toBe(1);
    const afterWake = h.starts.filter((s) => s.at >= 3_603_000);
    expect(afterWake).toHaveLength(20);
    expect(new Set(afterWake.map((s) => s.id)).size).toBe(20);
    await h.advanceTo(3_603_000 + 5999);
    expect(h.starts.filter((s) => s.at >= 3_603_000)).toHaveLength(120);
  });

  it('treats a timer that fires long before its wall-clock time (clock set back) as a jump too', async () => {
    // Real timers run on a monotonic clock while now() is wall time: model that with a skew.
    const timers = new ManualClock();
    let skew = 0;
    const clock = {
      now: () => timers.now() + skew,
      setTimeout: timers.setTimeout.bind(timers),
      clearTimeout: timers.clearTimeout.bind(timers),
    };
    const starts: number[] = [];
    const gaps: number[] = [];
    const t0 = clock.now();
    const scheduler = new Scheduler({
      clock,
      maxConcurrent: 1,
      random: fixed(0.5),
      onClockJump: (gap) => gaps.push(gap),
      run: async () => {
        starts.push(clock.now() - t0);
      },
    });
    stopLater.push(scheduler);
    scheduler.set([{ id: 'a', intervalMs: 1000 }]);
    scheduler.start();
    await timers.advance(600);
    skew = -60_000;
    await timers.advance(2000);
    expect(gaps).toEqual([-60_000]);
    expect(starts).toEqual([500, -60_000 + 2000]);
  });

  it('does not mistake ordinary lateness below the threshold for a jump', async () => {
    const h = harness({ random: fixed(0), onClockJump: () => expect.fail('no jump expected') });
    h.scheduler.set([{ id: 'a', intervalMs: 1000 }]);
    h.scheduler.start();
    await h.advanceTo(100);
    h.clock.jump(2050);
    await h.clock.advance(0);
    await h.advanceTo(4999);
    expect(h.startsOf('a')).toEqual([0, 2150, 3000, 4000]);
    expect(h.scheduler.stats()).toMatchObject({ clockJumps: 0, latenessMs: { max: 1150 } });
  });
});

describe('scheduler stats', () => {
  it('resets its counters', async () => {
    const h = harness({ random: fixed(0), durationMs: 1500 });
    h.scheduler.set([{ id: 'a', intervalMs: 1000 }]);
    h.scheduler.start();
    await h.advanceTo(2999);
    expect(h.scheduler.stats()).toMatchObject({ runs: 2, skippedOverlaps: 1 });
    h.scheduler.resetStats();
    expect(h.scheduler.stats()).toEqual({
      runs: 0,
      skippedOverlaps: 0,
      latenessMs: { p50: 0, p99: 0, max: 0, count: 0 },
      clockJumps: 0,
    });
  });
});
