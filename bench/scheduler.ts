import { systemClock } from '../src-main/engine/clock.ts';
import { Scheduler } from '../src-main/engine/scheduler/scheduler.ts';
import type { BenchRow } from './engine.ts';

interface Case {
  entries: number;
  intervalMs: number;
}

/** 10 runs/s, where random phases bunched up most, and 500 runs/s, the capacity target's rate. */
const CASES: Case[] = [
  { entries: 200, intervalMs: 20_000 },
  { entries: 5000, intervalMs: 10_000 },
];
/** Two rounds of the longest interval. */
const RUN_MS = 40_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The real Scheduler on the system clock with a trivial run, one per case, side by side: lateness,
 * spread (busiest second ÷ mean) and bookkeeping CPU per run.
 */
export async function benchScheduler(): Promise<BenchRow[]> {
  const seconds = RUN_MS / 1000;
  let t0 = 0;
  const runs = CASES.map((c, n) => {
    const perSecond = new Array<number>(seconds).fill(0);
    const scheduler = new Scheduler({
      clock: systemClock,
      maxConcurrent: 64,
      run: async () => {
        const second = Math.floor((Date.now() - t0) / 1000);
        if (second < seconds) perSecond[second] = (perSecond[second] ?? 0) + 1;
      },
    });
    scheduler.set(
      Array.from({ length: c.entries }, (_, i) => ({ id: `c${n}-${i}`, intervalMs: c.intervalMs })),
    );
    return { ...c, scheduler, perSecond };
  });
  const cpuStart = process.cpuUsage();
  t0 = Date.now();
  for (const r of runs) r.scheduler.start();
  await sleep(RUN_MS);
  const cpu = process.cpuUsage(cpuStart);
  const rows: BenchRow[] = [];
  let total = 0;
  for (const r of runs) {
    const stats = r.scheduler.stats();
    await r.scheduler.stop();
    total += stats.runs;
    const mean = r.perSecond.reduce((a, b) => a + b, 0) / seconds;
    const label = `${r.entries} entries @ ${r.intervalMs / 1000} s (${mean.toFixed(0)} runs/s), ${seconds} s`;
    rows.push(
      {
        figure: `scheduler busiest second ÷ mean (${label})`,
        value: `${(Math.max(...r.perSecond) / mean).toFixed(2)}×`,
        target: '≤ 1.2×',
      },
      {
        figure: `scheduler lateness p50 / p99 (${label})`,
        value: `${stats.latenessMs.p50.toFixed(1)} / ${stats.latenessMs.p99.toFixed(1)} ms (max ${stats.latenessMs.max.toFixed(0)})`,
        target: 'p99 < 50 ms',
      },
    );
  }
  rows.push({
    figure: 'scheduler CPU per run (trivial run included)',
    value: `${((cpu.user + cpu.system) / total).toFixed(1)} µs (${total} runs)`,
    target: '',
  });
  return rows;
}
