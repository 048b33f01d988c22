import { type MonitorConfig, monitorLabel } from '../../api/config-schema.ts';
import type { DailySummary, MonitorDaySummary, PipelineDaySummary } from '../../api/notification-types.ts';
import type { History } from '../history/history.ts';

const DAY_MS = 86_400_000;

/** The next local time `hh:mm` strictly after `now`. */
export function nextSummaryAt(now: number, timeOfDay: string): number {
  const [h, m] = timeOfDay.split(':').map(Number);
  const at = new Date(now);
  at.setHours(h ?? 9, m ?? 0, 0, 0);
  if (at.getTime() <= now) at.setDate(at.getDate() + 1);
  return at.getTime();
}

/** Money spent: the sum of every drop between consecutive readings; top-ups (rises) are not income. */
export function spend(readings: ReadonlyArray<{ time: number; value: number | null }>): number | null {
  const values = readings.filter((r) => r.value !== null).sort((a, b) => a.time - b.time);
  if (values.length < 2) return null;
  let total = 0;
  for (let i = 1; i < values.length; i++) {
    const drop = (values[i - 1]?.value as number) - (values[i]?.value as number);
    if (drop > 0) total += drop;
  }
  return Math.round(total * 100) / 100;
}

/** The pipeline monitors' totals over [from, to), when they reported any. */
export type PipelineDay = (from: number, to: number) => PipelineDaySummary | undefined;

/** The last 24 h per monitor and in total, from history (and the pipelines' own counts). */
export function buildDailySummary(
  history: History,
  monitors: readonly MonitorConfig[],
  now: number,
  pipelineDay?: PipelineDay,
): DailySummary {
  const from = now - DAY_MS;
  const rows: MonitorDaySummary[] = monitors
    .filter((m) => m.enabled)
    .map((m) => {
      const day = history.summary(m.id, '24h', now);
      const incidents = history
        .alertEvents(m.id, from, now, 10_000)
        .filter((e) => e.kind === 'fired' || e.kind === 'fired.quiet').length;
      let balance: number | null = null;
      let spend24h: number | null = null;
      if (m.type === 'balance') {
        const readings = history.recentSamples(m.id, 5_000).filter((s) => s.time >= from);
        balance = readings.find((s) => s.value !== null)?.value ?? null;
        spend24h = spend(readings.map((s) => ({ time: s.time, value: s.value })));
      }
      return {
        monitorId: m.id,
        monitorName: monitorLabel(m),
        monitorType: m.type,
        checks: day.checks,
        uptime: day.uptime,
        latencyAvgMs: day.latencyAvgMs,
        incidents,
        balance,
        spend24h,
      };
    });
  let weighted = 0;
  let weight = 0;
  let latencySum = 0;
  let latencyWeight = 0;
  for (const r of rows) {
    if (r.uptime !== null) {
      weighted += r.uptime * r.checks;
      weight += r.checks;
    }
    if (r.latencyAvgMs !== null) {
      latencySum += r.latencyAvgMs * r.checks;
      latencyWeight += r.checks;
    }
  }
  const balances = rows.filter((r) => r.balance !== null);
  const spends = rows.filter((r) => r.spend24h !== null);
  const currency = monitors.find((m) => m.type === 'balance');
  const pipeline = pipelineDay?.(from, now);
  return {
    from,
    to: now,
    checks: rows.reduce((n, r) => n + r.checks, 0),
    successRate: weight > 0 ? weighted / weight : null,
    latencyAvgMs: latencyWeight > 0 ? latencySum / latencyWeight : null,
    incidents: rows.reduce((n, r) => n + r.incidents, 0),
    balance: balances.length ? balances.reduce((n, r) => n + (r.balance ?? 0), 0) : null,
    spend24h: spends.length ? spends.reduce((n, r) => n + (r.spend24h ?? 0), 0) : null,
    currency: currency?.type === 'balance' ? currency.currency : '$',
    monitors: rows,
    ...(pipeline && { pipeline }),
  };
}
