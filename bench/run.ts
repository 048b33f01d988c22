import { parseArgs } from 'node:util';
import { benchDashboard } from './dashboard.ts';
import { benchDesktopIdle } from './desktop-idle.ts';
import { type BenchRow, benchCapacity, benchEngine } from './engine.ts';
import { benchHistory } from './history.ts';
import { benchOutage } from './outage.ts';
import { benchPipelineHistory } from './pipeline-history.ts';
import { benchPipelineIngest } from './pipeline-ingest.ts';
import { benchScheduler } from './scheduler.ts';
import { benchSoak } from './soak.ts';

/**
 * `npm run bench [-- SECTION… [--duration SECONDS] [--heap-snapshots]]`: the performance figures of
 * DESIGN.md, as one table. Without sections it runs all but `soak`; `--duration` sets how long the
 * capacity and soak sections run. Not part of `npm test`.
 */
export function printTable(rows: readonly BenchRow[]): void {
  const widths = [0, 0, 0];
  const cells = [['figure', 'value', 'target'], ...rows.map((r) => [r.figure, r.value, r.target])];
  for (const row of cells) {
    row.forEach((c, i) => {
      widths[i] = Math.max(widths[i] ?? 0, c.length);
    });
  }
  const line = (row: string[]) => `| ${row.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  console.log(line(cells[0] as string[]));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const row of cells.slice(1)) console.log(line(row));
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { duration: { type: 'string' }, 'heap-snapshots': { type: 'boolean', default: false } },
});
const duration = values.duration === undefined ? undefined : Number(values.duration);
if (duration !== undefined && !(duration >= 20))
  throw new Error('--duration must be a number of seconds ≥ 20');

const sections: Record<string, () => Promise<BenchRow[]>> = {
  engine: benchEngine,
  capacity: () => benchCapacity(duration, values['heap-snapshots']),
  scheduler: benchScheduler,
  history: benchHistory,
  outage: benchOutage,
  'pipeline-ingest': benchPipelineIngest,
  'pipeline-history': benchPipelineHistory,
  'desktop-idle': benchDesktopIdle,
  dashboard: benchDashboard,
  soak: () => benchSoak(duration),
};
const unknown = positionals.filter((p) => !(p in sections));
if (unknown.length > 0) {
  throw new Error(`unknown section ${unknown.join(', ')}; choose from ${Object.keys(sections).join(', ')}`);
}
const chosen = positionals.length > 0 ? positionals : Object.keys(sections).filter((s) => s !== 'soak');

const rows: BenchRow[] = [];
for (const name of chosen) {
  console.error(`running ${name} bench…`);
  rows.push(...(await (sections[name] as () => Promise<BenchRow[]>)()));
}
printTable(rows);
