import { benchDesktopIdle } from './desktop-idle.ts';
import { type BenchRow, benchEngine } from './engine.ts';
import { benchHistory } from './history.ts';
import { benchOutage } from './outage.ts';
import { benchScheduler } from './scheduler.ts';

/** `npm run bench`: the performance figures of DESIGN.md, as one table. Not part of `npm test`. */
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

const rows: BenchRow[] = [];
for (const [name, bench] of [
  ['engine', benchEngine],
  ['scheduler', benchScheduler],
  ['history', benchHistory],
  ['outage', benchOutage],
  ['desktop idle', benchDesktopIdle],
] as const) {
  console.error(`running ${name} bench…`);
  rows.push(...(await bench()));
}
printTable(rows);
