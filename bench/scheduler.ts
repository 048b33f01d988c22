import { pathToFileURL } from 'node:url';
import { systemClock } from '../src-main/engine/clock.ts';
import { Scheduler } from '../src-main/engine/scheduler/scheduler.ts';
import type { BenchRow } from './engine.ts';

const ENTRIES = 2000;
const INTERVAL_MS = 2000;
const RUN_MS = 10_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The real Scheduler on the system clock with a trivial run: lateness, spread and bookkeeping CPU per run. */
export async function benchScheduler(): Promise<BenchRow[]> {
  const seconds = RUN_MS / 1000;
  const perSecond = new Array<number>(seconds).fill(0);
  let t0 = 0;
  const scheduler = new Scheduler({
    clock: systemClock,
    maxConcurrent: 64,
    run: async () => {
      const second = Math.floor((Date.now() - t0) / 1000);
      if (second < seconds) perSecond[second] = (perSecond[second] ?? 0) + 1;
    },
  });
  scheduler.set(Array.from({ length: ENTRIES }, (_, i) => ({ id: `m${i}`, intervalMs: INTERVAL_MS })));
  const cpuStart = process.cpuUsage();
  t0 = Date.now();
  scheduler.start();
  await sleep(RUN_MS);
  const cpu = process.cpuUsage(cpuStart);
  const stats = scheduler.stats();
  await scheduler.stop();
  const counted = perSecond.reduce((a, b) => a + b, 0);
  const busiest = Math.max(...perSecond) / (counted / seconds);
  const cpuPerRunUs = (cpu.user + cpu.system) / stats.runs;
  const label = `${ENTRIES} entries @ ${INTERVAL_MS / 1000} s, ${seconds} s`;
  return [
    {
      figure: `scheduler lateness p50 / p99 (${label})`,
      value: `${stats.latenessMs.p50.toFixed(1)} / ${stats.latenessMs.p99.toFixed(1)} ms (max ${stats.latenessMs.max.toFixed(0)})`,
      target: 'p99 < 50 ms',
    },
    { figure: 'scheduler busiest second ÷ average', value: `${busiest.toFixed(2)}×`, target: '≤ 1.5×' },
    {
      figure: 'scheduler CPU per run (trivial run included)',
      value: `${cpuPerRunUs.toFixed(1)} µs (${stats.runs} runs)`,
      target: '',
    },
  ];
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const rows = await benchScheduler();
  const widths = [0, 0, 0];
  const cells = [['figure', 'value', 'target'], ...rows.map((r) => [r.figure, r.value, r.target])];
  for (const row of cells) {
    for (const [i, c] of row.entries()) widths[i] = Math.max(widths[i] ?? 0, c.length);
  }
  const line = (row: string[]) => `| ${row.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  console.log(line(cells[0] as string[]));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const row of cells.slice(1)) console.log(line(row));
}
